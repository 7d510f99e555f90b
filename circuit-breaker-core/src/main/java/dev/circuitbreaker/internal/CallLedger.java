package dev.circuitbreaker.internal;

import dev.circuitbreaker.CallResult;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one breaker keeps of its finished and rejected calls: cumulative counters and the bounded {@link CallHistory}.
 * Thread-safe.
 *
 * <p>A call the history records is counted in the history ring it was written to, inside that ring's one atomic
 * section, so a timed call pays one atomic instruction for both. Calls the history does not take (history disabled,
 * or an entry dropped because every ring was being written) and rejections are counted in striped adders. Each
 * total is the sum of both, exact once the calls that bumped it have returned, and
 * {@code total == successful + failed + ignored + notPermitted} holds by construction. Nothing is ever decremented:
 * a reset remembers the totals it saw and later readings subtract them.
 */
public final class CallLedger {

    private static final int NOT_PERMITTED = CallHistory.SLOW + 1;

    private final CallHistory history;
    private final LongAdder[] unrecorded = new LongAdder[NOT_PERMITTED + 1];
    private volatile long[] resetAt = new long[NOT_PERMITTED + 1];

    /** @param history where finished calls are kept and, when it takes them, counted */
    public CallLedger(CallHistory history) {
        this.history = history;
        for (int k = 0; k < unrecorded.length; k++) {
            unrecorded[k] = new LongAdder();
        }
    }

    /**
     * Counts a finished call that {@link CallHistory#add} did not take (history disabled or the entry dropped). A
     * finished call is recorded by offering it to the history first, which counts what it takes:
     * {@code if (!history.add(...)) ledger.onUnrecordedOutcome(code)}; the breaker does so on its hot path with its
     * own reference to the history.
     */
    public void onUnrecordedOutcome(int code) {
        unrecorded[Outcomes.kind(code)].increment();
        if (Outcomes.isSlow(code)) {
            unrecorded[CallHistory.SLOW].increment();
        }
    }

    public void onNotPermitted() {
        unrecorded[NOT_PERMITTED].increment();
    }

    /** The counters since creation or the last {@link #reset()}. */
    public Totals totals() {
        long[] base = resetAt; // first: a reset after this read only makes the raw totals larger than base
        long[] t = raw();
        return new Totals(t[Outcomes.SUCCESS] - base[Outcomes.SUCCESS], t[Outcomes.FAILURE] - base[Outcomes.FAILURE],
                t[Outcomes.IGNORED] - base[Outcomes.IGNORED], t[NOT_PERMITTED] - base[NOT_PERMITTED],
                t[CallHistory.SLOW] - base[CallHistory.SLOW]);
    }

    /** The last history-size finished calls, oldest first; {@code now} and {@code nowTick} anchor ticker readings. */
    public List<CallResult> history(Instant now, long nowTick) {
        return history.snapshot(now, nowTick);
    }

    /** Zeroes the counters and empties the history; calls in flight meanwhile may land on either side of the reset. */
    public void reset() {
        resetAt = raw();
        history.clear();
    }

    private long[] raw() {
        long[] t = new long[unrecorded.length];
        history.addCounts(t);
        for (int k = 0; k < unrecorded.length; k++) {
            t[k] += unrecorded[k].sum();
        }
        return t;
    }

    /** The cumulative counters at one moment. */
    public record Totals(long successful, long failed, long ignored, long notPermitted, long slow) {
    }
}
