package dev.circuitbreaker.internal;

import dev.circuitbreaker.CircuitBreakerConfig;
import dev.circuitbreaker.SlidingWindowType;

/**
 * The CLOSED state's window of recent outcomes, with running totals so that evaluating the rules costs the same
 * whatever the window's size. Its owner serializes {@link #record} and {@link #snapshot}; a window may also offer a
 * lock-free path for plain successes ({@link #tryAddSuccess}).
 */
public abstract class SlidingWindow {

    private int failedCalls;
    private int slowCalls;
    private final int[] failuresByCategory;

    SlidingWindow(int categories) {
        this.failuresByCategory = new int[categories];
    }

    /** Creates the window the config asks for; {@code origin} is the ticker reading its seconds count from. */
    public static SlidingWindow create(CircuitBreakerConfig config, int categories, long origin) {
        return config.slidingWindowType() == SlidingWindowType.COUNT_BASED
                ? new CountWindow(config.slidingWindowSize(), categories)
                : new TimeWindow(config.slidingWindowSize(), categories, origin);
    }

    /** Adds a success or failure (never an ignored outcome) that finished at {@code tick}. */
    public abstract void record(int code, long tick);

    /** The window's content as of {@code tick}, without changing it. */
    public abstract WindowSnapshot snapshot(long tick);

    /** Whether one more plain success would leave the window exactly as it is. */
    public boolean isFullOfSuccesses() {
        return false;
    }

    /**
     * Adds a plain success that finished at {@code tick} without the owner's lock, if that is safe: the success
     * cannot trip {@code rules} (it can only lower failure and slow-call rates, unless it brings the window to the
     * minimum number of calls) and needs no other change to the window. Returns false, having done nothing, when the
     * owner must record it with {@link #record} instead. Thread-safe.
     */
    public boolean tryAddSuccess(long tick, TripRules rules) {
        return false;
    }

    /** Whether the window needs the ticker reading of each outcome. */
    public abstract boolean needsTick();

    /** Calls in the window. */
    public abstract int bufferedCalls();

    /** Adds ({@code sign} 1) or removes (-1) an outcome's failure and slow counts. */
    final void count(int code, int sign) {
        if (Outcomes.isSlow(code)) {
            slowCalls += sign;
        }
        if (Outcomes.kind(code) == Outcomes.FAILURE) {
            failedCalls += sign;
            failuresByCategory[Outcomes.category(code)] += sign;
        }
    }

    final void removeTotals(int failures, int slow, int[] byCategory) {
        failedCalls -= failures;
        slowCalls -= slow;
        for (int c = 0; c < byCategory.length; c++) {
            failuresByCategory[c] -= byCategory[c];
        }
    }

    public final int failedCalls() {
        return failedCalls;
    }

    public final int slowCalls() {
        return slowCalls;
    }

    final int[] failuresByCategory() {
        return failuresByCategory;
    }
}
