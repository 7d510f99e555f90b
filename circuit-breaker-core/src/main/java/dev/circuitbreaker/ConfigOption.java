package dev.circuitbreaker;

import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One option of a {@link CircuitBreakerConfig}, declared once: its name (the builder method's and the key in
 * {@link CircuitBreakerConfig#options()}), its value type, its default and the check a value must pass. The config,
 * its builder, equality, printing and the Spring starter's properties all derive from the list {@link #all()}, so a
 * new option is one declaration here plus its semantics. Immutable and thread-safe.
 *
 * <p>The checks apply to every value a user sets; a default may be a value no user could set (such as {@code 0}
 * for "rule off") and is never checked. Combinations of options are checked by
 * {@link CircuitBreakerConfigBuilder#build()}.
 *
 * @param <T> the value type (boxed for primitives)
 */
public final class ConfigOption<T> {

    /** The largest duration a breaker can represent: {@code Long.MAX_VALUE} nanoseconds, about 292 years. */
    public static final Duration MAX_DURATION = Duration.ofNanos(Long.MAX_VALUE);

    private static int count;

    /** Recorded failures in the window that open a CLOSED breaker; {@code 0} switches the count rule off. */
    public static final ConfigOption<Integer> FAILURE_THRESHOLD = of("failureThreshold", Integer.class, 3, atLeast(0));
    /** Whether the window counts calls or seconds. */
    public static final ConfigOption<SlidingWindowType> SLIDING_WINDOW_TYPE =
            of("slidingWindowType", SlidingWindowType.class, SlidingWindowType.COUNT_BASED, notNull());
    /** The window's size: calls for {@code COUNT_BASED}, seconds for {@code TIME_BASED}. */
    public static final ConfigOption<Integer> SLIDING_WINDOW_SIZE = of("slidingWindowSize", Integer.class, 10, atLeast(1));
    /** The failure rate in percent that also opens the breaker; the default {@code 0} means the rule is off. */
    public static final ConfigOption<Double> FAILURE_RATE_THRESHOLD =
            of("failureRateThreshold", Double.class, 0.0, percent());
    /** Calls the window must hold before its rates count. */
    public static final ConfigOption<Integer> MINIMUM_NUMBER_OF_CALLS =
            of("minimumNumberOfCalls", Integer.class, 10, atLeast(1));
    /** Calls slower than this are slow and the slow-call rule is on; {@code null} (the default) means off. */
    public static final ConfigOption<Duration> SLOW_CALL_DURATION_THRESHOLD =
            of("slowCallDurationThreshold", Duration.class, null, positive());
    /** The slow-call rate in percent that opens the breaker when a slow-call duration is set. */
    public static final ConfigOption<Double> SLOW_CALL_RATE_THRESHOLD =
            of("slowCallRateThreshold", Double.class, 100.0, percent());
    /** Per-exception-type failure limits, in the order they were given. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static final ConfigOption<Map<Class<? extends Throwable>, Integer>> EXCEPTION_THRESHOLDS =
            new ConfigOption("exceptionThresholds", Map.class, Map.of(), (Check<Map<Class<? extends Throwable>, Integer>>) ConfigOption::thresholds);
    /** The throwables recorded as failures, subclasses included; empty means all. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static final ConfigOption<Set<Class<? extends Throwable>>> RECORD_EXCEPTIONS =
            new ConfigOption("recordExceptions", Set.class, Set.of(), (Check<Set<Class<? extends Throwable>>>) ConfigOption::types);
    /** The throwables counted as neither success nor failure; they win over recorded ones. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static final ConfigOption<Set<Class<? extends Throwable>>> IGNORE_EXCEPTIONS =
            new ConfigOption("ignoreExceptions", Set.class, Set.of(), (Check<Set<Class<? extends Throwable>>>) ConfigOption::types);
    /** How long OPEN rejects calls before the first trial, before any backoff. */
    public static final ConfigOption<Duration> WAIT_DURATION_IN_OPEN_STATE =
            of("waitDurationInOpenState", Duration.class, Duration.ofSeconds(5), positive());
    /** The factor the open wait grows by at each failed recovery. */
    public static final ConfigOption<Double> BACKOFF_MULTIPLIER = of("backoffMultiplier", Double.class, 1.0, (option, value) -> {
        if (!(value >= 1.0) || Double.isInfinite(value)) {
            throw invalid(option, value, "must be a finite number >= 1.0");
        }
        return value;
    });
    /** The cap of the open wait under backoff. */
    public static final ConfigOption<Duration> MAX_WAIT_DURATION_IN_OPEN_STATE =
            of("maxWaitDurationInOpenState", Duration.class, Duration.ofMinutes(5), positive());
    /** Consecutive trial successes that close a HALF_OPEN breaker. */
    public static final ConfigOption<Integer> SUCCESS_THRESHOLD = of("successThreshold", Integer.class, 2, atLeast(1));
    /** Concurrent trial calls in HALF_OPEN; {@code null} (the default) means the success threshold. */
    public static final ConfigOption<Integer> PERMITTED_CALLS_IN_HALF_OPEN_STATE =
            of("permittedCallsInHalfOpenState", Integer.class, null, atLeast(1));
    /** How long a trial may hold its permit without reporting back. */
    public static final ConfigOption<Duration> MAX_WAIT_DURATION_IN_HALF_OPEN_STATE =
            of("maxWaitDurationInHalfOpenState", Duration.class, Duration.ofSeconds(60), positive());
    /** How many recent calls the history keeps; {@code 0} keeps none. */
    public static final ConfigOption<Integer> HISTORY_SIZE = of("historySize", Integer.class, 100, atLeast(0));
    /** The bulkhead: at most this many calls run at once; {@code 0} (the default) means off. */
    public static final ConfigOption<Integer> MAX_CONCURRENT_CALLS = of("maxConcurrentCalls", Integer.class, 0, atLeast(0));
    /** Asynchronous calls not completed after this fail with a {@code TimeoutException}; {@code null} means off. */
    public static final ConfigOption<Duration> CALL_TIMEOUT = of("callTimeout", Duration.class, null, positive());
    /** The circuit group whose members share one state; {@code null} (the default) means none. */
    public static final ConfigOption<String> GROUP = of("group", String.class, null, (option, value) -> {
        if (value == null || value.isBlank()) {
            throw invalid(option, value == null ? null : '"' + value + '"', "must not be null or blank");
        }
        return value;
    });

    private static final List<ConfigOption<?>> ALL = List.of(FAILURE_THRESHOLD, SLIDING_WINDOW_TYPE, SLIDING_WINDOW_SIZE,
            FAILURE_RATE_THRESHOLD, MINIMUM_NUMBER_OF_CALLS, SLOW_CALL_DURATION_THRESHOLD, SLOW_CALL_RATE_THRESHOLD,
            EXCEPTION_THRESHOLDS, RECORD_EXCEPTIONS, IGNORE_EXCEPTIONS, WAIT_DURATION_IN_OPEN_STATE, BACKOFF_MULTIPLIER,
            MAX_WAIT_DURATION_IN_OPEN_STATE, SUCCESS_THRESHOLD, PERMITTED_CALLS_IN_HALF_OPEN_STATE,
            MAX_WAIT_DURATION_IN_HALF_OPEN_STATE, HISTORY_SIZE, MAX_CONCURRENT_CALLS, CALL_TIMEOUT, GROUP);

    /** Checks a value set by a user, naming the option in its {@link IllegalArgumentException}. */
    @FunctionalInterface
    interface Check<T> {
        T check(String option, T value);
    }

    private final int index;
    private final String name;
    private final Class<?> type;
    private final T defaultValue;
    private final Check<T> check;

    private ConfigOption(String name, Class<?> type, T defaultValue, Check<T> check) {
        this.index = count++;
        this.name = name;
        this.type = type;
        this.defaultValue = defaultValue;
        this.check = check;
    }

    private static <T> ConfigOption<T> of(String name, Class<T> type, T defaultValue, Check<T> check) {
        return new ConfigOption<>(name, type, defaultValue, check);
    }

    /** {@return every option, in the order of the options table} */
    public static List<ConfigOption<?>> all() {
        return ALL;
    }

    /** {@return the option's name: the builder method's, e.g. {@code failureThreshold}} */
    public String name() {
        return name;
    }

    /** {@return the value type: a boxed primitive, an enum, {@link Duration}, {@link String}, {@link Map} or {@link Set}} */
    public Class<?> type() {
        return type;
    }

    /** {@return the value a config has when the option is not set; {@code null} where unset means off or derived} */
    public T defaultValue() {
        return defaultValue;
    }

    /**
     * Checks a value as the builder does and returns it (collections as unmodifiable copies).
     *
     * @param value the value to check
     * @return the value, collections as unmodifiable copies
     * @throws IllegalArgumentException naming the option and the value if the value is not allowed
     */
    public T check(T value) {
        return check.check(name, value);
    }

    int index() {
        return index;
    }

    @Override
    public String toString() {
        return name;
    }

    static IllegalArgumentException invalid(String option, Object value, String rule) {
        return new IllegalArgumentException(option + " " + rule + " but was " + value);
    }

    private static <T> Check<T> notNull() {
        return (option, value) -> {
            if (value == null) {
                throw invalid(option, null, "must not be null");
            }
            return value;
        };
    }

    private static Check<Integer> atLeast(int min) {
        return (option, value) -> {
            if (value == null || value < min) {
                throw invalid(option, value, "must be >= " + min);
            }
            return value;
        };
    }

    private static Check<Double> percent() {
        return (option, value) -> {
            if (value == null || !(value > 0 && value <= 100)) {
                throw invalid(option, value, "must be a percentage in (0, 100]");
            }
            return value;
        };
    }

    /** Positive and representable in nanoseconds, so no duration can overflow later. */
    private static Check<Duration> positive() {
        return (option, value) -> {
            if (value == null || value.isNegative() || value.isZero()) {
                throw invalid(option, value, "must be positive");
            }
            if (value.compareTo(MAX_DURATION) > 0) {
                throw invalid(option, value, "must be at most " + MAX_DURATION + " (Long.MAX_VALUE nanoseconds)");
            }
            return value;
        };
    }

    private static Set<Class<? extends Throwable>> types(String option, Set<Class<? extends Throwable>> types) {
        notNull().check(option, types);
        for (Class<?> type : types) {
            if (type == null || !Throwable.class.isAssignableFrom(type)) {
                throw invalid(option, names(types), "must hold only Throwable types, not " + type);
            }
        }
        return Collections.unmodifiableSet(new LinkedHashSet<>(types));
    }

    private static Map<Class<? extends Throwable>, Integer> thresholds(String option,
            Map<Class<? extends Throwable>, Integer> thresholds) {
        notNull().check(option, thresholds);
        thresholds.forEach((type, n) -> {
            if (type == null || !Throwable.class.isAssignableFrom(type)) {
                throw invalid(option, names(thresholds.keySet()), "must hold only Throwable types, not " + type);
            }
            if (n == null || n < 1) {
                throw invalid("exceptionThreshold(" + type.getName() + ")", n, "must be >= 1");
            }
        });
        return Collections.unmodifiableMap(new LinkedHashMap<>(thresholds));
    }

    private static String names(Collection<? extends Class<?>> types) {
        return types.stream().map(t -> t == null ? "null" : t.getName()).toList().toString();
    }
}
