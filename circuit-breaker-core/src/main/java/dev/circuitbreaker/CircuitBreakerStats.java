package dev.circuitbreaker;

import java.time.Duration;

/**
 * An immutable snapshot of a breaker's state and counters. {@code state}, {@code remainingWait} and
 * {@code timeInState} come from one state period; each counter is exact once the calls it counts have returned, and
 * {@code slowCalls <= successfulCalls + failedCalls} holds in every snapshot, under any concurrency.
 *
 * @param state the current state
 * @param totalCalls all calls since creation or the last reset: the sum of the five counters that follow
 * @param successfulCalls calls that counted as successes
 * @param failedCalls calls that threw a recorded exception
 * @param ignoredCalls calls that threw an ignored exception, or were cancelled
 * @param notPermittedCalls calls rejected by the breaker's state without running
 * @param bulkheadFullCalls calls rejected without running because the bulkhead was full
 * @param slowCalls calls slower than the slow-call threshold, successes and failures alike
 * @param bufferedCalls calls in the current window (the trials so far in HALF_OPEN)
 * @param bufferedFailedCalls recorded failures in the current window
 * @param bufferedSlowCalls slow calls in the current window
 * @param failureRate the window's failure rate in percent, or {@code -1} below the minimum number of calls
 * @param slowCallRate the window's slow-call rate in percent, or {@code -1} below the minimum number of calls
 * @param concurrentCalls calls holding a bulkhead place now; {@code 0} when the bulkhead is off
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
        long bulkheadFullCalls,
        long slowCalls,
        int bufferedCalls,
        int bufferedFailedCalls,
        int bufferedSlowCalls,
        double failureRate,
        double slowCallRate,
        int concurrentCalls,
        Duration remainingWait,
        Duration timeInState) {
}
