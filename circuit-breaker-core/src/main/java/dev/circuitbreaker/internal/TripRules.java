package dev.circuitbreaker.internal;

import dev.circuitbreaker.CircuitBreakerConfig;
import dev.circuitbreaker.SlidingWindowType;

/** The CLOSED state's rules, evaluated after every recorded outcome, and the rates shown in stats. Immutable. */
public final class TripRules {

    private final int[] thresholdByCategory;
    private final boolean rateRule;
    private final double failureRateThreshold;
    private final boolean slowRule;
    private final double slowCallRateThreshold;
    private final int minimumNumberOfCalls;
    private final int minimumForReportedRates;

    public TripRules(CircuitBreakerConfig config) {
        int categories = config.exceptionThresholds().size();
        thresholdByCategory = new int[categories + 1];
        thresholdByCategory[0] = config.failureThreshold();
        int i = 1;
        for (int threshold : config.exceptionThresholds().values()) {
            thresholdByCategory[i++] = threshold;
        }
        rateRule = config.hasFailureRateRule();
        failureRateThreshold = config.failureRateThreshold();
        slowRule = config.hasSlowCallRule();
        slowCallRateThreshold = config.slowCallRateThreshold();
        minimumNumberOfCalls = config.minimumNumberOfCalls();
        // With no rate rule the minimum may exceed a COUNT_BASED window; the shown rates then start once it is full.
        minimumForReportedRates = config.slidingWindowType() == SlidingWindowType.COUNT_BASED
                ? Math.min(minimumNumberOfCalls, config.slidingWindowSize())
                : minimumNumberOfCalls;
    }

    /** How many failure categories a window must count: the default rule plus one per exception threshold. */
    public int categories() {
        return thresholdByCategory.length;
    }

    /** Whether a window holding these counts opens the breaker. */
    public boolean tripped(SlidingWindow window) {
        int[] failures = window.failuresByCategory();
        if (thresholdByCategory[0] > 0 && failures[0] >= thresholdByCategory[0]) {
            return true;
        }
        for (int c = 1; c < thresholdByCategory.length; c++) {
            if (failures[c] >= thresholdByCategory[c]) {
                return true;
            }
        }
        int calls = window.bufferedCalls();
        if (calls < minimumNumberOfCalls) {
            return false;
        }
        return rateRule && reached(window.failedCalls(), calls, failureRateThreshold)
                || slowRule && reached(window.slowCalls(), calls, slowCallRateThreshold);
    }

    /**
     * Whether a plain success that brings the window to {@code callsAfter} calls could trip a window that did not
     * trip before it: only by bringing it to the minimum number of calls, from where the rates count. Otherwise a
     * success leaves the failure counts as they were and can only lower the rates.
     */
    public boolean aSuccessCanTripAt(int callsAfter) {
        return (rateRule || slowRule) && callsAfter == minimumNumberOfCalls;
    }

    /** The percentage of {@code count} in {@code calls}, or -1 below the minimum number of calls. */
    public double rate(int count, int calls) {
        return calls == 0 || calls < minimumForReportedRates ? -1 : count * 100.0 / calls;
    }

    private static boolean reached(int count, int calls, double thresholdPercent) {
        return count * 100.0 >= thresholdPercent * calls;
    }
}
