package dev.circuitbreaker;

/**
 * Receives a breaker's events. Every method has an empty default, so implement only what you need.
 *
 * <p>Events are delivered on the calling thread, after the state they report is installed and outside any lock.
 * Transitions installed by different threads can therefore be heard out of order: to know the current state, ask
 * {@link CircuitBreaker#state()}. A listener must be thread-safe and quick; one that throws anything (an {@code Error} included) is logged and
 * changes nothing: the call is still counted and the caller sees the callee's own outcome.
 */
public interface CircuitBreakerListener {

    /**
     * The breaker moved from one state to another (for a circuit group, every member hears it).
     *
     * @param breaker the breaker
     * @param from the state it left
     * @param to the state it entered
     */
    default void onStateTransition(CircuitBreaker breaker, CircuitState from, CircuitState to) {
    }

    /**
     * A member of a shared group (see {@code CircuitBreakerRegistry.Builder#sharedGroup}) moved from one state to
     * another, and where the decision came from: this instance, or another one through the group's store (which
     * instance tripped the group, say). Called right after {@link #onStateTransition} for the same transition, only
     * for shared groups.
     *
     * @param breaker the breaker
     * @param from the state it left
     * @param to the state it entered
     * @param origin which instance decided it, and whether that was another one
     */
    default void onGroupTransition(CircuitBreaker breaker, CircuitState from, CircuitState to, GroupTransition origin) {
    }

    /**
     * A permitted call counted as a success; {@code durationNanos} is its duration from the ticker.
     *
     * @param breaker the breaker
     * @param durationNanos the call's duration from the ticker; negative if the call was not timed
     */
    default void onSuccess(CircuitBreaker breaker, long durationNanos) {
    }

    /**
     * A permitted call threw a recorded exception.
     *
     * @param breaker the breaker
     * @param error what the call threw
     * @param durationNanos the call's duration from the ticker; negative if the call was not timed
     */
    default void onError(CircuitBreaker breaker, Throwable error, long durationNanos) {
    }

    /**
     * A permitted call threw an ignored exception, or was cancelled.
     *
     * @param breaker the breaker
     * @param error what the call threw, or a CancellationException for a cancelled call
     * @param durationNanos the call's duration from the ticker; negative if the call was not timed
     */
    default void onIgnoredError(CircuitBreaker breaker, Throwable error, long durationNanos) {
    }

    /**
     * A call was rejected by the breaker's state without running.
     *
     * @param breaker the breaker
     */
    default void onCallNotPermitted(CircuitBreaker breaker) {
    }

    /**
     * A call was rejected without running because the bulkhead was full ({@code maxConcurrentCalls} running).
     *
     * @param breaker the breaker
     */
    default void onBulkheadFull(CircuitBreaker breaker) {
    }
}
