package dev.circuitbreaker;

import java.time.Duration;

/**
 * An immutable snapshot of a breaker's state and counters. Each counter is exact once all calls have returned;
 * under concurrent calls, the fields are read one after the other, not as one atomic snapshot.
 *
 * @param state the current state
 * @param totalCalls all calls since creation or the last reset: the sum of the four counters that follow
 * @param successfulCalls calls that counted as successes
 * @param failedCalls calls that threw a recorded exception
 * @param ignoredCalls calls that threw an ignored exception, or were cancelled
 * @param notPermittedCalls calls rejected without running
 * @param slowCalls calls slower than the slow-call threshold, successes and failures alike
 * @param bufferedCalls calls in the current window (the trials so far in HALF_OPEN)
 * @param bufferedFailedCalls recorded failures in the current window
 * @param bufferedSlowCalls slow calls in the current window
 * @param failureRate the window's failure rate in percent, or {@code -1} below the minimum number of calls
 * @param slowCallRate the window's slow-call rate in percent, or {@code -1} below the minimum number of calls
 * @param remainingWait the time until OPEN lets a trial in; {@link Duration#ZERO} in every other state
 * @param timeInState the time since the current state was entered (a reset enters a fresh CLOSED state)
 */
public record CircuitBreakerStats(
        CircuitState state,
        long totalCalls,
        long successfulCalls,
        long failedCalls,
        long ignoredCalls,
        long notPermittedCalls,
        long slowCalls,
        int bufferedCalls,
        int bufferedFailedCalls,
        int bufferedSlowCalls,
        double failureRate,
        double slowCallRate,
        Duration remainingWait,
        Duration timeInState) {
}
