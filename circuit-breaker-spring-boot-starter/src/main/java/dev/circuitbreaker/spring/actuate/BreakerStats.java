package dev.circuitbreaker.spring.actuate;

import dev.circuitbreaker.CircuitBreakerStats;

/**
 * Every field of {@link CircuitBreakerStats} as JSON-friendly values: the state as its name, durations as
 * milliseconds in fields ending {@code Ms}. Immutable.
 */
public record BreakerStats(String state, long totalCalls, long successfulCalls, long failedCalls, long ignoredCalls,
        long notPermittedCalls, long bulkheadFullCalls, long slowCalls, int bufferedCalls, int bufferedFailedCalls,
        int bufferedSlowCalls, double failureRate, double slowCallRate, int concurrentCalls, long remainingWaitMs,
        long timeInStateMs) {

    static BreakerStats of(CircuitBreakerStats s) {
        return new BreakerStats(s.state().name(), s.totalCalls(), s.successfulCalls(), s.failedCalls(), s.ignoredCalls(),
                s.notPermittedCalls(), s.bulkheadFullCalls(), s.slowCalls(), s.bufferedCalls(), s.bufferedFailedCalls(),
                s.bufferedSlowCalls(), s.failureRate(), s.slowCallRate(), s.concurrentCalls(), s.remainingWait().toMillis(),
                s.timeInState().toMillis());
    }
}
