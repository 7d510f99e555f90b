package dev.circuitbreaker;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Builds a {@link CircuitBreakerConfig}; get one from {@link CircuitBreakerConfig#builder()} or
 * {@link CircuitBreakerConfig#toBuilder()}. Not thread-safe. Each setter checks its argument at once and throws an
 * {@link IllegalArgumentException} naming the option and the value (the option's rule is declared in
 * {@link ConfigOption}); {@link #build()} checks the combinations.
 */
public final class CircuitBreakerConfigBuilder {

    private final Object[] values;

    CircuitBreakerConfigBuilder() {
        values = new Object[ConfigOption.all().size()];
        for (ConfigOption<?> option : ConfigOption.all()) {
            values[option.index()] = option.defaultValue();
        }
    }

    CircuitBreakerConfigBuilder(Object[] values) {
        this.values = values.clone();
    }

    /**
     * Sets any option by its declaration, as the typed setters below do: how generic code (the Spring starter's
     * properties) sets options without a method per option.
     *
     * @param <T> the option's value type
     * @param option the option, one of {@link ConfigOption#all()}
     * @param value the value to set
     * @return this builder
     * @throws IllegalArgumentException if the value fails the option's check
     */
    public <T> CircuitBreakerConfigBuilder set(ConfigOption<T> option, T value) {
        values[option.index()] = option.check(value);
        return this;
    }

    /**
     * Recorded failures in the window that open a CLOSED breaker. Default 3; {@code 0} switches the count rule off
     * (another rule must then be set).
     *
     * @param failureThreshold the value to set
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public CircuitBreakerConfigBuilder failureThreshold(int failureThreshold) {
        return set(ConfigOption.FAILURE_THRESHOLD, failureThreshold);
    }

    /**
     * Whether the window counts the last N calls or the last N seconds. Default {@code COUNT_BASED}.
     *
     * @param slidingWindowType the value to set
     * @return this builder
     * @throws IllegalArgumentException if null
     */
    public CircuitBreakerConfigBuilder slidingWindowType(SlidingWindowType slidingWindowType) {
        return set(ConfigOption.SLIDING_WINDOW_TYPE, slidingWindowType);
    }

    /**
     * The window's size in calls ({@code COUNT_BASED}) or seconds ({@code TIME_BASED}). Default 10.
     *
     * @param slidingWindowSize the value to set
     * @return this builder
     * @throws IllegalArgumentException if below 1
     */
    public CircuitBreakerConfigBuilder slidingWindowSize(int slidingWindowSize) {
        return set(ConfigOption.SLIDING_WINDOW_SIZE, slidingWindowSize);
    }

    /**
     * Shorthand for {@code slidingWindowType(type).slidingWindowSize(size)}.
     *
     * @param type the window's type
     * @param size its size in calls or seconds
     * @return this builder
     * @throws IllegalArgumentException if the type is null or the size below 1
     */
    public CircuitBreakerConfigBuilder slidingWindow(SlidingWindowType type, int size) {
        return slidingWindowType(type).slidingWindowSize(size);
    }

    /**
     * Also open when the window's failure rate in percent reaches ({@code >=}) this, once the window holds
     * {@link #minimumNumberOfCalls(int)} calls. Off by default.
     *
     * @param failureRateThreshold the value to set
     * @return this builder
     * @throws IllegalArgumentException if not in (0, 100]
     */
    public CircuitBreakerConfigBuilder failureRateThreshold(double failureRateThreshold) {
        return set(ConfigOption.FAILURE_RATE_THRESHOLD, failureRateThreshold);
    }

    /**
     * Calls the window must hold before its rates count. Default 10.
     *
     * @param minimumNumberOfCalls the value to set
     * @return this builder
     * @throws IllegalArgumentException if below 1
     */
    public CircuitBreakerConfigBuilder minimumNumberOfCalls(int minimumNumberOfCalls) {
        return set(ConfigOption.MINIMUM_NUMBER_OF_CALLS, minimumNumberOfCalls);
    }

    /**
     * Calls slower than this (success or failure) are slow, and the slow-call rule is on. Off by default.
     *
     * @param slowCallDurationThreshold the value to set
     * @return this builder
     * @throws IllegalArgumentException if null, not positive, or above {@link ConfigOption#MAX_DURATION}
     */
    public CircuitBreakerConfigBuilder slowCallDurationThreshold(Duration slowCallDurationThreshold) {
        return set(ConfigOption.SLOW_CALL_DURATION_THRESHOLD, slowCallDurationThreshold);
    }

    /**
     * Open when the window's slow-call rate in percent reaches ({@code >=}) this. Default 100; used only when
     * {@link #slowCallDurationThreshold(Duration)} is set.
     *
     * @param slowCallRateThreshold the value to set
     * @return this builder
     * @throws IllegalArgumentException if not in (0, 100]
     */
    public CircuitBreakerConfigBuilder slowCallRateThreshold(double slowCallRateThreshold) {
        return set(ConfigOption.SLOW_CALL_RATE_THRESHOLD, slowCallRateThreshold);
    }

    /**
     * A failure whose most specific configured type is {@code type} counts toward its own limit of
     * {@code threshold} failures in the window instead of {@code failureThreshold}. Example: timeouts open after 2
     * while other errors need 5. A type given a threshold is recorded as a failure even when
     * {@link #recordExceptions(Class[])} does not list it (ignoring it is an error). None by default; setting a type
     * again replaces its limit.
     *
     * @param type the exception type (with subclasses)
     * @param threshold failures of that type in the window that open the breaker
     * @return this builder
     * @throws IllegalArgumentException if the type is null or the threshold below 1
     */
    public CircuitBreakerConfigBuilder exceptionThreshold(Class<? extends Throwable> type, int threshold) {
        if (type == null) {
            throw ConfigOption.invalid("exceptionThreshold type", null, "must not be null");
        }
        Map<Class<? extends Throwable>, Integer> thresholds = new LinkedHashMap<>(get(ConfigOption.EXCEPTION_THRESHOLDS));
        thresholds.put(type, threshold);
        return set(ConfigOption.EXCEPTION_THRESHOLDS, thresholds);
    }

    /**
     * The throwables recorded as failures, subclasses included; any other throwable counts as a success (the
     * downstream answered). Default: all. Replaces earlier values.
     *
     * @param types the exception types (with subclasses)
     * @return this builder
     * @throws IllegalArgumentException if a type is null
     */
    @SafeVarargs
    public final CircuitBreakerConfigBuilder recordExceptions(Class<? extends Throwable>... types) {
        return recordExceptions(types == null ? null : Arrays.asList(types));
    }

    /**
     * Collection form of {@link #recordExceptions(Class[])}.
     *
     * @param types the exception types (with subclasses)
     * @return this builder
     * @throws IllegalArgumentException if the collection or a type is null
     */
    public CircuitBreakerConfigBuilder recordExceptions(Collection<Class<? extends Throwable>> types) {
        return set(ConfigOption.RECORD_EXCEPTIONS, types == null ? null : new LinkedHashSet<>(types));
    }

    /**
     * The throwables counted as neither success nor failure, subclasses included; they win over recorded ones and
     * free a trial permit. Default: none. Replaces earlier values.
     *
     * @param types the exception types (with subclasses)
     * @return this builder
     * @throws IllegalArgumentException if a type is null
     */
    @SafeVarargs
    public final CircuitBreakerConfigBuilder ignoreExceptions(Class<? extends Throwable>... types) {
        return ignoreExceptions(types == null ? null : Arrays.asList(types));
    }

    /**
     * Collection form of {@link #ignoreExceptions(Class[])}.
     *
     * @param types the exception types (with subclasses)
     * @return this builder
     * @throws IllegalArgumentException if the collection or a type is null
     */
    public CircuitBreakerConfigBuilder ignoreExceptions(Collection<Class<? extends Throwable>> types) {
        return set(ConfigOption.IGNORE_EXCEPTIONS, types == null ? null : new LinkedHashSet<>(types));
    }

    /**
     * How long OPEN rejects every call before it lets a trial in. Default 5 s.
     *
     * @param waitDurationInOpenState the value to set
     * @return this builder
     * @throws IllegalArgumentException if null, not positive, or above {@link ConfigOption#MAX_DURATION}
     */
    public CircuitBreakerConfigBuilder waitDurationInOpenState(Duration waitDurationInOpenState) {
        return set(ConfigOption.WAIT_DURATION_IN_OPEN_STATE, waitDurationInOpenState);
    }

    /**
     * The factor the open wait is multiplied by each time a trial fails (HALF_OPEN to OPEN), capped by
     * {@link #maxWaitDurationInOpenState(Duration)}; CLOSED resets it. Default 1.0 (no backoff).
     *
     * @param backoffMultiplier the value to set
     * @return this builder
     * @throws IllegalArgumentException if below 1.0 or not finite
     */
    public CircuitBreakerConfigBuilder backoffMultiplier(double backoffMultiplier) {
        return set(ConfigOption.BACKOFF_MULTIPLIER, backoffMultiplier);
    }

    /**
     * The cap of the open wait under backoff. Default 5 minutes.
     *
     * @param maxWaitDurationInOpenState the value to set
     * @return this builder
     * @throws IllegalArgumentException if null, not positive, or above {@link ConfigOption#MAX_DURATION}
     */
    public CircuitBreakerConfigBuilder maxWaitDurationInOpenState(Duration maxWaitDurationInOpenState) {
        return set(ConfigOption.MAX_WAIT_DURATION_IN_OPEN_STATE, maxWaitDurationInOpenState);
    }

    /**
     * Consecutive trial successes that close a HALF_OPEN breaker. Default 2.
     *
     * @param successThreshold the value to set
     * @return this builder
     * @throws IllegalArgumentException if below 1
     */
    public CircuitBreakerConfigBuilder successThreshold(int successThreshold) {
        return set(ConfigOption.SUCCESS_THRESHOLD, successThreshold);
    }

    /**
     * Concurrent trial calls admitted in HALF_OPEN; a finished trial frees its permit. Default: the success
     * threshold.
     *
     * @param permittedCallsInHalfOpenState the value to set
     * @return this builder
     * @throws IllegalArgumentException if below 1
     */
    public CircuitBreakerConfigBuilder permittedCallsInHalfOpenState(int permittedCallsInHalfOpenState) {
        return set(ConfigOption.PERMITTED_CALLS_IN_HALF_OPEN_STATE, permittedCallsInHalfOpenState);
    }

    /**
     * How long a trial call may hold its permit without reporting back; then the permit is freed and its late
     * result decides nothing. Default 60 s.
     *
     * @param maxWaitDurationInHalfOpenState the value to set
     * @return this builder
     * @throws IllegalArgumentException if null, not positive, or above {@link ConfigOption#MAX_DURATION}
     */
    public CircuitBreakerConfigBuilder maxWaitDurationInHalfOpenState(Duration maxWaitDurationInHalfOpenState) {
        return set(ConfigOption.MAX_WAIT_DURATION_IN_HALF_OPEN_STATE, maxWaitDurationInHalfOpenState);
    }

    /**
     * How many recent calls {@code history()} keeps. Default 100; {@code 0} keeps none.
     *
     * @param historySize the value to set
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public CircuitBreakerConfigBuilder historySize(int historySize) {
        return set(ConfigOption.HISTORY_SIZE, historySize);
    }

    /**
     * The bulkhead: at most this many calls of the breaker run at once, each holding its place from its permit to
     * its outcome (an asynchronous call until its stage completes); one more is rejected at once with a
     * {@link BulkheadFullException} and not run. Default 0: off, and then it costs nothing.
     *
     * @param maxConcurrentCalls the value to set
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public CircuitBreakerConfigBuilder maxConcurrentCalls(int maxConcurrentCalls) {
        return set(ConfigOption.MAX_CONCURRENT_CALLS, maxConcurrentCalls);
    }

    /**
     * An asynchronous call ({@link CircuitBreaker#callAsync}, and reactive or {@code CompletionStage} methods in
     * adapters) that has not completed after this fails with a {@link java.util.concurrent.TimeoutException},
     * recorded like any exception, and its late stage is cancelled. Synchronous calls are never interrupted: their
     * lateness is what {@link #slowCallDurationThreshold(Duration)} measures. Off by default.
     *
     * @param callTimeout the value to set
     * @return this builder
     * @throws IllegalArgumentException if null, not positive, or above {@link ConfigOption#MAX_DURATION}
     */
    public CircuitBreakerConfigBuilder callTimeout(Duration callTimeout) {
        return set(ConfigOption.CALL_TIMEOUT, callTimeout);
    }

    /**
     * The circuit group: breakers of one registry in the same group share one state machine. None by default.
     *
     * @param group the value to set
     * @return this builder
     * @throws IllegalArgumentException if null or blank
     */
    public CircuitBreakerConfigBuilder group(String group) {
        return set(ConfigOption.GROUP, group);
    }

    /**
     * Builds the config after checking the combinations of options.
     *
     * @return this builder
     * @throws IllegalArgumentException if no rule can open the breaker, a COUNT_BASED threshold or minimum is
     *     larger than the window, the backoff cap is below the wait, or a thresholded exception type is ignored
     */
    public CircuitBreakerConfig build() {
        int failureThreshold = get(ConfigOption.FAILURE_THRESHOLD);
        int windowSize = get(ConfigOption.SLIDING_WINDOW_SIZE);
        Map<Class<? extends Throwable>, Integer> exceptionThresholds = get(ConfigOption.EXCEPTION_THRESHOLDS);
        boolean rateRule = (double) get(ConfigOption.FAILURE_RATE_THRESHOLD) > 0
                || get(ConfigOption.SLOW_CALL_DURATION_THRESHOLD) != null;
        if (failureThreshold == 0 && !rateRule && exceptionThresholds.isEmpty()) {
            throw new IllegalArgumentException("failureThreshold is 0 and no other rule is set "
                    + "(failureRateThreshold, slowCallDurationThreshold, exceptionThreshold): nothing could open the breaker");
        }
        if (get(ConfigOption.SLIDING_WINDOW_TYPE) == SlidingWindowType.COUNT_BASED) {
            notAboveWindow("failureThreshold", failureThreshold, windowSize);
            exceptionThresholds.forEach((type, n) -> notAboveWindow("exceptionThreshold(" + type.getName() + ")", n, windowSize));
            if (rateRule) {
                notAboveWindow("minimumNumberOfCalls", get(ConfigOption.MINIMUM_NUMBER_OF_CALLS), windowSize);
            }
        }
        Duration wait = get(ConfigOption.WAIT_DURATION_IN_OPEN_STATE);
        Duration maxWait = get(ConfigOption.MAX_WAIT_DURATION_IN_OPEN_STATE);
        double backoff = get(ConfigOption.BACKOFF_MULTIPLIER);
        if (backoff > 1.0 && maxWait.compareTo(wait) < 0) {
            throw new IllegalArgumentException("maxWaitDurationInOpenState (" + maxWait
                    + ") must not be below waitDurationInOpenState (" + wait + ") when backoffMultiplier is " + backoff);
        }
        Set<Class<? extends Throwable>> ignored = get(ConfigOption.IGNORE_EXCEPTIONS);
        for (Class<? extends Throwable> type : exceptionThresholds.keySet()) {
            for (Class<? extends Throwable> ignoredType : ignored) {
                if (ignoredType.isAssignableFrom(type)) {
                    throw new IllegalArgumentException("exceptionThreshold(" + type.getName()
                            + ") can never count: the type is ignored through ignoreExceptions " + ignoredType.getName());
                }
            }
        }
        return new CircuitBreakerConfig(values);
    }

    @SuppressWarnings("unchecked")
    private <T> T get(ConfigOption<T> option) {
        return (T) values[option.index()];
    }

    private static void notAboveWindow(String option, int value, int windowSize) {
        if (value > windowSize) {
            throw new IllegalArgumentException(option + " (" + value + ") must not exceed slidingWindowSize ("
                    + windowSize + ") of a COUNT_BASED window");
        }
    }
}
