package dev.circuitbreaker;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The trip and recovery rules of a circuit breaker: immutable, thread-safe, built by {@link #builder()}.
 *
 * <p>Each option is declared once, in {@link ConfigOption}; this class holds one value per option and derives
 * equality, hashing, printing and {@link #options()} from that list. Each builder setter rejects a bad value at
 * once with an {@link IllegalArgumentException} that names the option and the value; {@link
 * CircuitBreakerConfigBuilder#build()} then checks the combinations. Nothing is clamped or ignored. Two configs are
 * equal when every option's effective value is equal.
 */
public final class CircuitBreakerConfig {

    private static final CircuitBreakerConfig DEFAULTS = new CircuitBreakerConfigBuilder().build();

    /** One value per option, indexed by {@link ConfigOption#index()}; {@code null} where unset means off or derived. */
    private final Object[] values;

    CircuitBreakerConfig(Object[] values) {
        this.values = values.clone();
    }

    /** {@return the default config: the seed's rules (3 failures in the last 10 calls open; 5 s; 2 successes close)} */
    public static CircuitBreakerConfig ofDefaults() {
        return DEFAULTS;
    }

    /** {@return a builder holding the defaults} */
    public static CircuitBreakerConfigBuilder builder() {
        return new CircuitBreakerConfigBuilder();
    }

    /** {@return a builder holding this config's values} */
    public CircuitBreakerConfigBuilder toBuilder() {
        return new CircuitBreakerConfigBuilder(values);
    }

    /**
     * The value of {@code option} as set (or its default): {@code null} for an option that is off or derived, as
     * {@link #permittedCallsInHalfOpenState()} is when not set.
     *
     * @param <T> the option's value type
     * @param option one of {@link ConfigOption#all()}
     * @return the value
     */
    @SuppressWarnings("unchecked")
    public <T> T get(ConfigOption<T> option) {
        return (T) values[option.index()];
    }

    /** {@return recorded failures in the window that open a CLOSED breaker; {@code 0} when the count rule is off} */
    public int failureThreshold() {
        return get(ConfigOption.FAILURE_THRESHOLD);
    }

    /** {@return whether the window counts calls or seconds} */
    public SlidingWindowType slidingWindowType() {
        return get(ConfigOption.SLIDING_WINDOW_TYPE);
    }

    /** {@return the window's size: calls for {@code COUNT_BASED}, seconds for {@code TIME_BASED}} */
    public int slidingWindowSize() {
        return get(ConfigOption.SLIDING_WINDOW_SIZE);
    }

    /** {@return the failure rate in percent that opens the breaker; {@code 0} when the rate rule is off} */
    public double failureRateThreshold() {
        return get(ConfigOption.FAILURE_RATE_THRESHOLD);
    }

    /** {@return calls the window must hold before a rate is computed (and can open the breaker)} */
    public int minimumNumberOfCalls() {
        return get(ConfigOption.MINIMUM_NUMBER_OF_CALLS);
    }

    /** {@return calls slower than this are slow; {@code null} when the slow-call rule is off} */
    public Duration slowCallDurationThreshold() {
        return get(ConfigOption.SLOW_CALL_DURATION_THRESHOLD);
    }

    /** {@return the slow-call rate in percent that opens the breaker, used when a slow-call duration is set} */
    public double slowCallRateThreshold() {
        return get(ConfigOption.SLOW_CALL_RATE_THRESHOLD);
    }

    /** {@return per-exception-type failure limits, in the order they were given} */
    public Map<Class<? extends Throwable>, Integer> exceptionThresholds() {
        return get(ConfigOption.EXCEPTION_THRESHOLDS);
    }

    /**
     * {@return the throwables recorded as failures (with subclasses); empty means all} When not empty, the types of
     * {@link #exceptionThresholds()} are recorded too.
     */
    public Set<Class<? extends Throwable>> recordExceptions() {
        return get(ConfigOption.RECORD_EXCEPTIONS);
    }

    /** {@return the throwables that count as neither success nor failure (with subclasses); they win over recorded ones} */
    public Set<Class<? extends Throwable>> ignoreExceptions() {
        return get(ConfigOption.IGNORE_EXCEPTIONS);
    }

    /** {@return how long OPEN rejects calls before the first trial, before any backoff} */
    public Duration waitDurationInOpenState() {
        return get(ConfigOption.WAIT_DURATION_IN_OPEN_STATE);
    }

    /** {@return the factor applied to the open wait at each failed recovery} */
    public double backoffMultiplier() {
        return get(ConfigOption.BACKOFF_MULTIPLIER);
    }

    /** {@return the cap of the open wait under backoff} */
    public Duration maxWaitDurationInOpenState() {
        return get(ConfigOption.MAX_WAIT_DURATION_IN_OPEN_STATE);
    }

    /** {@return consecutive trial successes that close a HALF_OPEN breaker} */
    public int successThreshold() {
        return get(ConfigOption.SUCCESS_THRESHOLD);
    }

    /** {@return concurrent trial calls admitted in HALF_OPEN (defaults to {@link #successThreshold()})} */
    public int permittedCallsInHalfOpenState() {
        Integer permitted = get(ConfigOption.PERMITTED_CALLS_IN_HALF_OPEN_STATE);
        return permitted != null ? permitted : successThreshold();
    }

    /** {@return how long a trial may run without reporting back before its permit is freed} */
    public Duration maxWaitDurationInHalfOpenState() {
        return get(ConfigOption.MAX_WAIT_DURATION_IN_HALF_OPEN_STATE);
    }

    /** {@return how many recent calls {@code history()} keeps; {@code 0} keeps none} */
    public int historySize() {
        return get(ConfigOption.HISTORY_SIZE);
    }

    /** {@return the bulkhead's limit: how many calls of the breaker may run at once; {@code 0} when the bulkhead is off} */
    public int maxConcurrentCalls() {
        return get(ConfigOption.MAX_CONCURRENT_CALLS);
    }

    /** {@return how long an asynchronous call may take before it fails with a timeout; {@code null} when off} */
    public Duration callTimeout() {
        return get(ConfigOption.CALL_TIMEOUT);
    }

    /** {@return the circuit group this breaker shares its state with, or {@code null}} */
    public String group() {
        return get(ConfigOption.GROUP);
    }

    /** {@return whether the failure-rate rule is on} */
    public boolean hasFailureRateRule() {
        return failureRateThreshold() > 0;
    }

    /** {@return whether the slow-call rule is on} */
    public boolean hasSlowCallRule() {
        return slowCallDurationThreshold() != null;
    }

    /**
     * Whether two configs agree on every rule, that is on every option but {@link #historySize()}: what the
     * members of one circuit group must share.
     *
     * @param other another config
     * @return whether only {@code historySize} may differ between them
     */
    public boolean hasSameRulesAs(CircuitBreakerConfig other) {
        return differencesFrom(other, false).isEmpty();
    }

    /**
     * {@return every option by its name, in the order of the options table, with effective values} Never null but
     * for the options that are off: group, slow-call duration and call timeout. Unmodifiable.
     */
    public Map<String, Object> options() {
        Map<String, Object> options = new LinkedHashMap<>();
        for (ConfigOption<?> option : ConfigOption.all()) {
            options.put(option.name(), effective(option));
        }
        return Collections.unmodifiableMap(options);
    }

    /** The options whose values differ between the two configs, as {@code name (this vs other)}, for error messages. */
    String differencesFrom(CircuitBreakerConfig other, boolean includeHistorySize) {
        StringBuilder sb = new StringBuilder();
        for (ConfigOption<?> option : ConfigOption.all()) {
            if (!includeHistorySize && option == ConfigOption.HISTORY_SIZE) {
                continue;
            }
            Object mine = effective(option);
            Object theirs = other.effective(option);
            if (!Objects.equals(mine, theirs)) {
                sb.append(sb.length() == 0 ? "" : ", ").append(option.name()).append(" (").append(mine)
                        .append(" vs ").append(theirs).append(')');
            }
        }
        return sb.toString();
    }

    private Object effective(ConfigOption<?> option) {
        return option == ConfigOption.PERMITTED_CALLS_IN_HALF_OPEN_STATE ? permittedCallsInHalfOpenState() : get(option);
    }

    @Override
    public boolean equals(Object obj) {
        return this == obj || obj instanceof CircuitBreakerConfig o && differencesFrom(o, true).isEmpty();
    }

    @Override
    public int hashCode() {
        Object[] effective = new Object[values.length];
        for (ConfigOption<?> option : ConfigOption.all()) {
            effective[option.index()] = effective(option);
        }
        return Arrays.hashCode(effective);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("CircuitBreakerConfig{");
        options().forEach((name, value) -> sb.append(sb.length() == 21 ? "" : ", ").append(name).append('=')
                .append(value == null ? "off" : value));
        return sb.append('}').toString();
    }
}
