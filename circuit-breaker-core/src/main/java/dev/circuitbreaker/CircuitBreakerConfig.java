package dev.circuitbreaker;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The trip and recovery rules of a circuit breaker: immutable, thread-safe, built by {@link #builder()}.
 *
 * <p>Each builder setter rejects a bad value at once with an {@link IllegalArgumentException} that names the
 * option and the value; {@link Builder#build()} then checks the combinations. Nothing is clamped or ignored.
 * Two configs are equal when every option is equal.
 */
public final class CircuitBreakerConfig {

    private static final CircuitBreakerConfig DEFAULTS = new Builder().build();

    private final int failureThreshold;
    private final SlidingWindowType slidingWindowType;
    private final int slidingWindowSize;
    private final double failureRateThreshold;
    private final int minimumNumberOfCalls;
    private final Duration slowCallDurationThreshold;
    private final double slowCallRateThreshold;
    private final Map<Class<? extends Throwable>, Integer> exceptionThresholds;
    private final Set<Class<? extends Throwable>> recordExceptions;
    private final Set<Class<? extends Throwable>> ignoreExceptions;
    private final Duration waitDurationInOpenState;
    private final double backoffMultiplier;
    private final Duration maxWaitDurationInOpenState;
    private final int successThreshold;
    private final Integer permittedCallsInHalfOpenState;
    private final Duration maxWaitDurationInHalfOpenState;
    private final int historySize;
    private final String group;

    private CircuitBreakerConfig(Builder b) {
        this.failureThreshold = b.failureThreshold;
        this.slidingWindowType = b.slidingWindowType;
        this.slidingWindowSize = b.slidingWindowSize;
        this.failureRateThreshold = b.failureRateThreshold;
        this.minimumNumberOfCalls = b.minimumNumberOfCalls;
        this.slowCallDurationThreshold = b.slowCallDurationThreshold;
        this.slowCallRateThreshold = b.slowCallRateThreshold;
        this.exceptionThresholds = Collections.unmodifiableMap(new LinkedHashMap<>(b.exceptionThresholds));
        this.recordExceptions = Collections.unmodifiableSet(new LinkedHashSet<>(b.recordExceptions));
        this.ignoreExceptions = Collections.unmodifiableSet(new LinkedHashSet<>(b.ignoreExceptions));
        this.waitDurationInOpenState = b.waitDurationInOpenState;
        this.backoffMultiplier = b.backoffMultiplier;
        this.maxWaitDurationInOpenState = b.maxWaitDurationInOpenState;
        this.successThreshold = b.successThreshold;
        this.permittedCallsInHalfOpenState = b.permittedCallsInHalfOpenState;
        this.maxWaitDurationInHalfOpenState = b.maxWaitDurationInHalfOpenState;
        this.historySize = b.historySize;
        this.group = b.group;
    }

    /** Returns the default config: the seed's rules (3 failures in the last 10 calls open; 5 s; 2 successes close). */
    public static CircuitBreakerConfig ofDefaults() {
        return DEFAULTS;
    }

    /** Returns a builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns a builder holding this config's values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Recorded failures in the window that open a CLOSED breaker; {@code 0} when the count rule is off. */
    public int failureThreshold() {
        return failureThreshold;
    }

    /** Whether the window counts calls or seconds. */
    public SlidingWindowType slidingWindowType() {
        return slidingWindowType;
    }

    /** The window's size: calls for {@code COUNT_BASED}, seconds for {@code TIME_BASED}. */
    public int slidingWindowSize() {
        return slidingWindowSize;
    }

    /** The failure rate in percent that opens the breaker; {@code 0} when the rate rule is off. */
    public double failureRateThreshold() {
        return failureRateThreshold;
    }

    /** Calls the window must hold before a rate is computed (and can open the breaker). */
    public int minimumNumberOfCalls() {
        return minimumNumberOfCalls;
    }

    /** Calls slower than this are slow; {@code null} when the slow-call rule is off. */
    public Duration slowCallDurationThreshold() {
        return slowCallDurationThreshold;
    }

    /** The slow-call rate in percent that opens the breaker, used when a slow-call duration is set. */
    public double slowCallRateThreshold() {
        return slowCallRateThreshold;
    }

    /** Per-exception-type failure limits, in the order they were given. */
    public Map<Class<? extends Throwable>, Integer> exceptionThresholds() {
        return exceptionThresholds;
    }

    /**
     * The throwables recorded as failures (with subclasses); empty means all. When not empty, the types of
     * {@link #exceptionThresholds()} are recorded too.
     */
    public Set<Class<? extends Throwable>> recordExceptions() {
        return recordExceptions;
    }

    /** The throwables that count as neither success nor failure (with subclasses); they win over recorded ones. */
    public Set<Class<? extends Throwable>> ignoreExceptions() {
        return ignoreExceptions;
    }

    /** How long OPEN rejects calls before the first trial, before any backoff. */
    public Duration waitDurationInOpenState() {
        return waitDurationInOpenState;
    }

    /** The factor applied to the open wait at each failed recovery. */
    public double backoffMultiplier() {
        return backoffMultiplier;
    }

    /** The cap of the open wait under backoff. */
    public Duration maxWaitDurationInOpenState() {
        return maxWaitDurationInOpenState;
    }

    /** Consecutive trial successes that close a HALF_OPEN breaker. */
    public int successThreshold() {
        return successThreshold;
    }

    /** Concurrent trial calls admitted in HALF_OPEN (defaults to {@link #successThreshold()}). */
    public int permittedCallsInHalfOpenState() {
        return permittedCallsInHalfOpenState != null ? permittedCallsInHalfOpenState : successThreshold;
    }

    /** How long a trial may run without reporting back before its permit is freed. */
    public Duration maxWaitDurationInHalfOpenState() {
        return maxWaitDurationInHalfOpenState;
    }

    /** How many recent calls {@code history()} keeps; {@code 0} keeps none. */
    public int historySize() {
        return historySize;
    }

    /** The circuit group this breaker shares its state with, or {@code null}. */
    public String group() {
        return group;
    }

    /** Whether the failure-rate rule is on. */
    public boolean hasFailureRateRule() {
        return failureRateThreshold > 0;
    }

    /** Whether the slow-call rule is on. */
    public boolean hasSlowCallRule() {
        return slowCallDurationThreshold != null;
    }

    /**
     * Whether two configs agree on every rule, that is on every option but {@link #historySize()}: what the
     * members of one circuit group must share.
     */
    public boolean hasSameRulesAs(CircuitBreakerConfig other) {
        return equalsIgnoringHistory(other);
    }

    private boolean equalsIgnoringHistory(CircuitBreakerConfig o) {
        return failureThreshold == o.failureThreshold
                && slidingWindowType == o.slidingWindowType
                && slidingWindowSize == o.slidingWindowSize
                && Double.compare(failureRateThreshold, o.failureRateThreshold) == 0
                && minimumNumberOfCalls == o.minimumNumberOfCalls
                && Objects.equals(slowCallDurationThreshold, o.slowCallDurationThreshold)
                && Double.compare(slowCallRateThreshold, o.slowCallRateThreshold) == 0
                && exceptionThresholds.equals(o.exceptionThresholds)
                && recordExceptions.equals(o.recordExceptions)
                && ignoreExceptions.equals(o.ignoreExceptions)
                && waitDurationInOpenState.equals(o.waitDurationInOpenState)
                && Double.compare(backoffMultiplier, o.backoffMultiplier) == 0
                && maxWaitDurationInOpenState.equals(o.maxWaitDurationInOpenState)
                && successThreshold == o.successThreshold
                && permittedCallsInHalfOpenState() == o.permittedCallsInHalfOpenState()
                && maxWaitDurationInHalfOpenState.equals(o.maxWaitDurationInHalfOpenState)
                && Objects.equals(group, o.group);
    }

    /** Every option by its builder name, in the order of the options table (effective values, so never null but for group and an unset slow-call duration). */
    public Map<String, Object> options() {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("failureThreshold", failureThreshold);
        options.put("slidingWindowType", slidingWindowType);
        options.put("slidingWindowSize", slidingWindowSize);
        options.put("failureRateThreshold", failureRateThreshold);
        options.put("minimumNumberOfCalls", minimumNumberOfCalls);
        options.put("slowCallDurationThreshold", slowCallDurationThreshold);
        options.put("slowCallRateThreshold", slowCallRateThreshold);
        options.put("exceptionThresholds", exceptionThresholds);
        options.put("recordExceptions", recordExceptions);
        options.put("ignoreExceptions", ignoreExceptions);
        options.put("waitDurationInOpenState", waitDurationInOpenState);
        options.put("backoffMultiplier", backoffMultiplier);
        options.put("maxWaitDurationInOpenState", maxWaitDurationInOpenState);
        options.put("successThreshold", successThreshold);
        options.put("permittedCallsInHalfOpenState", permittedCallsInHalfOpenState());
        options.put("maxWaitDurationInHalfOpenState", maxWaitDurationInHalfOpenState);
        options.put("historySize", historySize);
        options.put("group", group);
        return Collections.unmodifiableMap(options);
    }

    /** The options whose values differ between the two configs, as {@code name (this vs other)}, for error messages. */
    String differencesFrom(CircuitBreakerConfig other, boolean includeHistorySize) {
        StringBuilder sb = new StringBuilder();
        Map<String, Object> theirs = other.options();
        options().forEach((option, value) -> {
            if ((includeHistorySize || !option.equals("historySize")) && !Objects.equals(value, theirs.get(option))) {
                sb.append(sb.length() == 0 ? "" : ", ").append(option).append(" (").append(value).append(" vs ")
                        .append(theirs.get(option)).append(')');
            }
        });
        return sb.toString();
    }

    @Override
    public boolean equals(Object obj) {
        return this == obj || obj instanceof CircuitBreakerConfig o && historySize == o.historySize && equalsIgnoringHistory(o);
    }

    @Override
    public int hashCode() {
        return Objects.hash(failureThreshold, slidingWindowType, slidingWindowSize, failureRateThreshold,
                minimumNumberOfCalls, slowCallDurationThreshold, slowCallRateThreshold, exceptionThresholds,
                recordExceptions, ignoreExceptions, waitDurationInOpenState, backoffMultiplier,
                maxWaitDurationInOpenState, successThreshold, permittedCallsInHalfOpenState(),
                maxWaitDurationInHalfOpenState, historySize, group);
    }

    @Override
    public String toString() {
        return "CircuitBreakerConfig{failureThreshold=" + failureThreshold
                + ", slidingWindowType=" + slidingWindowType
                + ", slidingWindowSize=" + slidingWindowSize
                + ", failureRateThreshold=" + (hasFailureRateRule() ? failureRateThreshold : "off")
                + ", minimumNumberOfCalls=" + minimumNumberOfCalls
                + ", slowCallDurationThreshold=" + (hasSlowCallRule() ? slowCallDurationThreshold : "off")
                + ", slowCallRateThreshold=" + slowCallRateThreshold
                + ", exceptionThresholds=" + exceptionThresholds
                + ", recordExceptions=" + (recordExceptions.isEmpty() ? "all" : recordExceptions)
                + ", ignoreExceptions=" + ignoreExceptions
                + ", waitDurationInOpenState=" + waitDurationInOpenState
                + ", backoffMultiplier=" + backoffMultiplier
                + ", maxWaitDurationInOpenState=" + maxWaitDurationInOpenState
                + ", successThreshold=" + successThreshold
                + ", permittedCallsInHalfOpenState=" + permittedCallsInHalfOpenState()
                + ", maxWaitDurationInHalfOpenState=" + maxWaitDurationInHalfOpenState
                + ", historySize=" + historySize
                + ", group=" + group + '}';
    }

    /**
     * Builds a {@link CircuitBreakerConfig}. Not thread-safe; each setter validates its argument and throws
     * {@link IllegalArgumentException} naming the option and the value.
     */
    public static final class Builder {

        private int failureThreshold = 3;
        private SlidingWindowType slidingWindowType = SlidingWindowType.COUNT_BASED;
        private int slidingWindowSize = 10;
        private double failureRateThreshold;
        private int minimumNumberOfCalls = 10;
        private Duration slowCallDurationThreshold;
        private double slowCallRateThreshold = 100;
        private final Map<Class<? extends Throwable>, Integer> exceptionThresholds = new LinkedHashMap<>();
        private final Set<Class<? extends Throwable>> recordExceptions = new LinkedHashSet<>();
        private final Set<Class<? extends Throwable>> ignoreExceptions = new LinkedHashSet<>();
        private Duration waitDurationInOpenState = Duration.ofSeconds(5);
        private double backoffMultiplier = 1.0;
        private Duration maxWaitDurationInOpenState = Duration.ofMinutes(5);
        private int successThreshold = 2;
        private Integer permittedCallsInHalfOpenState;
        private Duration maxWaitDurationInHalfOpenState = Duration.ofSeconds(60);
        private int historySize = 100;
        private String group;

        private Builder() {
        }

        private Builder(CircuitBreakerConfig c) {
            failureThreshold = c.failureThreshold;
            slidingWindowType = c.slidingWindowType;
            slidingWindowSize = c.slidingWindowSize;
            failureRateThreshold = c.failureRateThreshold;
            minimumNumberOfCalls = c.minimumNumberOfCalls;
            slowCallDurationThreshold = c.slowCallDurationThreshold;
            slowCallRateThreshold = c.slowCallRateThreshold;
            exceptionThresholds.putAll(c.exceptionThresholds);
            recordExceptions.addAll(c.recordExceptions);
            ignoreExceptions.addAll(c.ignoreExceptions);
            waitDurationInOpenState = c.waitDurationInOpenState;
            backoffMultiplier = c.backoffMultiplier;
            maxWaitDurationInOpenState = c.maxWaitDurationInOpenState;
            successThreshold = c.successThreshold;
            permittedCallsInHalfOpenState = c.permittedCallsInHalfOpenState;
            maxWaitDurationInHalfOpenState = c.maxWaitDurationInHalfOpenState;
            historySize = c.historySize;
            group = c.group;
        }

        /**
         * Recorded failures in the window that open a CLOSED breaker. Default 3; {@code 0} switches the count
         * rule off (another rule must then be set).
         *
         * @throws IllegalArgumentException if negative
         */
        public Builder failureThreshold(int failureThreshold) {
            this.failureThreshold = atLeast("failureThreshold", failureThreshold, 0);
            return this;
        }

        /**
         * Whether the window counts the last N calls or the last N seconds. Default {@code COUNT_BASED}.
         *
         * @throws IllegalArgumentException if null
         */
        public Builder slidingWindowType(SlidingWindowType slidingWindowType) {
            this.slidingWindowType = notNull("slidingWindowType", slidingWindowType);
            return this;
        }

        /**
         * The window's size in calls ({@code COUNT_BASED}) or seconds ({@code TIME_BASED}). Default 10.
         *
         * @throws IllegalArgumentException if below 1
         */
        public Builder slidingWindowSize(int slidingWindowSize) {
            this.slidingWindowSize = atLeast("slidingWindowSize", slidingWindowSize, 1);
            return this;
        }

        /** Shorthand for {@code slidingWindowType(type).slidingWindowSize(size)}. */
        public Builder slidingWindow(SlidingWindowType type, int size) {
            return slidingWindowType(type).slidingWindowSize(size);
        }

        /**
         * Also open when the window's failure rate in percent reaches ({@code >=}) this, once the window holds
         * {@link #minimumNumberOfCalls(int)} calls. Off by default.
         *
         * @throws IllegalArgumentException if not in (0, 100]
         */
        public Builder failureRateThreshold(double failureRateThreshold) {
            this.failureRateThreshold = percent("failureRateThreshold", failureRateThreshold);
            return this;
        }

        /**
         * Calls the window must hold before its rates count. Default 10.
         *
         * @throws IllegalArgumentException if below 1
         */
        public Builder minimumNumberOfCalls(int minimumNumberOfCalls) {
            this.minimumNumberOfCalls = atLeast("minimumNumberOfCalls", minimumNumberOfCalls, 1);
            return this;
        }

        /**
         * Calls slower than this (success or failure) are slow, and the slow-call rule is on. Off by default.
         *
         * @throws IllegalArgumentException if null, zero or negative
         */
        public Builder slowCallDurationThreshold(Duration slowCallDurationThreshold) {
            this.slowCallDurationThreshold = positive("slowCallDurationThreshold", slowCallDurationThreshold);
            return this;
        }

        /**
         * Open when the window's slow-call rate in percent reaches ({@code >=}) this. Default 100; used only when
         * {@link #slowCallDurationThreshold(Duration)} is set.
         *
         * @throws IllegalArgumentException if not in (0, 100]
         */
        public Builder slowCallRateThreshold(double slowCallRateThreshold) {
            this.slowCallRateThreshold = percent("slowCallRateThreshold", slowCallRateThreshold);
            return this;
        }

        /**
         * A failure whose most specific configured type is {@code type} counts toward its own limit of
         * {@code threshold} failures in the window instead of {@code failureThreshold}. Example: timeouts open
         * after 2 while other errors need 5. A type given a threshold is recorded as a failure even when
         * {@link #recordExceptions(Class[])} does not list it (ignoring it is an error). None by default; setting a
         * type again replaces its limit.
         *
         * @throws IllegalArgumentException if the type is null or the threshold below 1
         */
        public Builder exceptionThreshold(Class<? extends Throwable> type, int threshold) {
            notNull("exceptionThreshold type", type);
            exceptionThresholds.put(type, atLeast("exceptionThreshold(" + type.getName() + ")", threshold, 1));
            return this;
        }

        /**
         * The throwables recorded as failures, subclasses included; any other throwable counts as a success (the
         * downstream answered). Default: all. Replaces earlier values.
         *
         * @throws IllegalArgumentException if a type is null
         */
        @SafeVarargs
        public final Builder recordExceptions(Class<? extends Throwable>... types) {
            return recordExceptions(Arrays.asList(notNull("recordExceptions", types)));
        }

        /** Collection form of {@link #recordExceptions(Class[])}. */
        public Builder recordExceptions(Collection<Class<? extends Throwable>> types) {
            replace(recordExceptions, "recordExceptions", types);
            return this;
        }

        /**
         * The throwables counted as neither success nor failure, subclasses included; they win over recorded ones
         * and free a trial permit. Default: none. Replaces earlier values.
         *
         * @throws IllegalArgumentException if a type is null
         */
        @SafeVarargs
        public final Builder ignoreExceptions(Class<? extends Throwable>... types) {
            return ignoreExceptions(Arrays.asList(notNull("ignoreExceptions", types)));
        }

        /** Collection form of {@link #ignoreExceptions(Class[])}. */
        public Builder ignoreExceptions(Collection<Class<? extends Throwable>> types) {
            replace(ignoreExceptions, "ignoreExceptions", types);
            return this;
        }

        /**
         * How long OPEN rejects every call before it lets a trial in. Default 5 s.
         *
         * @throws IllegalArgumentException if null, zero or negative
         */
        public Builder waitDurationInOpenState(Duration waitDurationInOpenState) {
            this.waitDurationInOpenState = positive("waitDurationInOpenState", waitDurationInOpenState);
            return this;
        }

        /**
         * The factor the open wait is multiplied by each time a trial fails (HALF_OPEN to OPEN), capped by
         * {@link #maxWaitDurationInOpenState(Duration)}; CLOSED resets it. Default 1.0 (no backoff).
         *
         * @throws IllegalArgumentException if below 1.0 or not finite
         */
        public Builder backoffMultiplier(double backoffMultiplier) {
            if (!(backoffMultiplier >= 1.0) || Double.isInfinite(backoffMultiplier)) {
                throw invalid("backoffMultiplier", backoffMultiplier, "must be a finite number >= 1.0");
            }
            this.backoffMultiplier = backoffMultiplier;
            return this;
        }

        /**
         * The cap of the open wait under backoff. Default 5 minutes.
         *
         * @throws IllegalArgumentException if null, zero or negative
         */
        public Builder maxWaitDurationInOpenState(Duration maxWaitDurationInOpenState) {
            this.maxWaitDurationInOpenState = positive("maxWaitDurationInOpenState", maxWaitDurationInOpenState);
            return this;
        }

        /**
         * Consecutive trial successes that close a HALF_OPEN breaker. Default 2.
         *
         * @throws IllegalArgumentException if below 1
         */
        public Builder successThreshold(int successThreshold) {
            this.successThreshold = atLeast("successThreshold", successThreshold, 1);
            return this;
        }

        /**
         * Concurrent trial calls admitted in HALF_OPEN; a finished trial frees its permit. Default: the
         * success threshold.
         *
         * @throws IllegalArgumentException if below 1
         */
        public Builder permittedCallsInHalfOpenState(int permittedCallsInHalfOpenState) {
            this.permittedCallsInHalfOpenState = atLeast("permittedCallsInHalfOpenState", permittedCallsInHalfOpenState, 1);
            return this;
        }

        /**
         * How long a trial call may hold its permit without reporting back; then the permit is freed and its late
         * result decides nothing. Default 60 s.
         *
         * @throws IllegalArgumentException if null, zero or negative
         */
        public Builder maxWaitDurationInHalfOpenState(Duration maxWaitDurationInHalfOpenState) {
            this.maxWaitDurationInHalfOpenState = positive("maxWaitDurationInHalfOpenState", maxWaitDurationInHalfOpenState);
            return this;
        }

        /**
         * How many recent calls {@code history()} keeps. Default 100; {@code 0} keeps none.
         *
         * @throws IllegalArgumentException if negative
         */
        public Builder historySize(int historySize) {
            this.historySize = atLeast("historySize", historySize, 0);
            return this;
        }

        /**
         * The circuit group: breakers of one registry in the same group share one state machine. None by default.
         *
         * @throws IllegalArgumentException if null or blank
         */
        public Builder group(String group) {
            if (group == null || group.isBlank()) {
                throw invalid("group", group == null ? null : '"' + group + '"', "must not be null or blank");
            }
            this.group = group;
            return this;
        }

        /**
         * Builds the config after checking the combinations of options.
         *
         * @throws IllegalArgumentException if no rule can open the breaker, a COUNT_BASED threshold or minimum is
         *     larger than the window, the backoff cap is below the wait, or a thresholded exception type is ignored
         */
        public CircuitBreakerConfig build() {
            boolean rateRule = failureRateThreshold > 0 || slowCallDurationThreshold != null;
            if (failureThreshold == 0 && !rateRule && exceptionThresholds.isEmpty()) {
                throw new IllegalArgumentException("failureThreshold is 0 and no other rule is set "
                        + "(failureRateThreshold, slowCallDurationThreshold, exceptionThreshold): nothing could open the breaker");
            }
            if (slidingWindowType == SlidingWindowType.COUNT_BASED) {
                if (failureThreshold > slidingWindowSize) {
                    throw new IllegalArgumentException("failureThreshold (" + failureThreshold
                            + ") must not exceed slidingWindowSize (" + slidingWindowSize + ") of a COUNT_BASED window");
                }
                exceptionThresholds.forEach((type, n) -> {
                    if (n > slidingWindowSize) {
                        throw new IllegalArgumentException("exceptionThreshold(" + type.getName() + ") (" + n
                                + ") must not exceed slidingWindowSize (" + slidingWindowSize + ") of a COUNT_BASED window");
                    }
                });
                if (rateRule && minimumNumberOfCalls > slidingWindowSize) {
                    throw new IllegalArgumentException("minimumNumberOfCalls (" + minimumNumberOfCalls
                            + ") must not exceed slidingWindowSize (" + slidingWindowSize + ") of a COUNT_BASED window");
                }
            }
            if (backoffMultiplier > 1.0 && maxWaitDurationInOpenState.compareTo(waitDurationInOpenState) < 0) {
                throw new IllegalArgumentException("maxWaitDurationInOpenState (" + maxWaitDurationInOpenState
                        + ") must not be below waitDurationInOpenState (" + waitDurationInOpenState
                        + ") when backoffMultiplier is " + backoffMultiplier);
            }
            for (Class<? extends Throwable> type : exceptionThresholds.keySet()) {
                for (Class<? extends Throwable> ignored : ignoreExceptions) {
                    if (ignored.isAssignableFrom(type)) {
                        throw new IllegalArgumentException("exceptionThreshold(" + type.getName()
                                + ") can never count: the type is ignored through ignoreExceptions " + ignored.getName());
                    }
                }
            }
            return new CircuitBreakerConfig(this);
        }

        private static void replace(Set<Class<? extends Throwable>> target, String option,
                Collection<Class<? extends Throwable>> types) {
            notNull(option, types);
            for (Class<? extends Throwable> type : types) {
                if (type == null) {
                    throw invalid(option, types, "must not contain null");
                }
            }
            target.clear();
            target.addAll(types);
        }

        private static int atLeast(String option, int value, int min) {
            if (value < min) {
                throw invalid(option, value, "must be >= " + min);
            }
            return value;
        }

        private static double percent(String option, double value) {
            if (!(value > 0 && value <= 100)) {
                throw invalid(option, value, "must be a percentage in (0, 100]");
            }
            return value;
        }

        private static Duration positive(String option, Duration value) {
            notNull(option, value);
            if (value.isNegative() || value.isZero()) {
                throw invalid(option, value, "must be positive");
            }
            return value;
        }

        private static <T> T notNull(String option, T value) {
            if (value == null) {
                throw invalid(option, null, "must not be null");
            }
            return value;
        }

        private static IllegalArgumentException invalid(String option, Object value, String rule) {
            return new IllegalArgumentException(option + " " + rule + " but was " + value);
        }
    }
}
