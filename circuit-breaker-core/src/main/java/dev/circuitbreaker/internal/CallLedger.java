package dev.circuitbreaker.internal;

import dev.circuitbreaker.CallResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one breaker keeps of its finished and rejected calls: cumulative counters and the bounded {@link CallHistory}.
 * Thread-safe; recording never throws.
 *
 * <p>A finished call is counted where it is kept: in the history's slot when there is a history (one atomic
 * instruction for both), else in a striped adder per outcome class. Each call bumps exactly one class counter, so
 * every total is monotonic, {@code slow <= successful + failed} holds in any snapshot, and
 * {@code total == successful + failed + ignored + notPermitted + bulkheadFull} by construction. Nothing is ever
 * decremented: a reset remembers the counts it saw and later readings subtract them.
 */
public final class CallLedger {

    private static final int NOT_PERMITTED = CallHistory.CLASSES;
    private static final int BULKHEAD_FULL = NOT_PERMITTED + 1;
    private static final int COUNTS = BULKHEAD_FULL + 1;

    private final LongAdder[] adders = new LongAdder[COUNTS];
    /** The current history, or {@code null} when the breaker keeps none. */
    private volatile CallHistory history;
    /** Histories replaced by {@link #resize}: their counts still count, and their last entries are shown. */
    private final List<CallHistory> retired = new CopyOnWriteArrayList<>();
    private volatile List<CallHistory.Entry> carried = List.of();
    private volatile long[] resetAt = new long[COUNTS];

    /** A ledger with a history of the last {@code historySize} calls ({@code 0}: none). */
    public CallLedger(int historySize) {
        for (int k = 0; k < COUNTS; k++) {
            adders[k] = new LongAdder();
        }
        this.history = historySize > 0 ? new CallHistory(historySize) : null;
    }

    /**
     * Records and counts a finished call. The error's class name and message are read here, before anything is
     * taken; a {@code getMessage()} that throws leaves the message out.
     */
    public void record(long endTick, long durationNanos, int code, Throwable error) {
        CallHistory h = history;
        if (h == null) {
            adders[CallHistory.classOf(code)].increment();
            return;
        }
        if (error == null) {
            h.add(endTick, durationNanos, code, null, null);
        } else {
            h.add(endTick, durationNanos, code, error.getClass().getName(), messageOf(error));
        }
    }

    /** Counts a call the breaker's state rejected. */
    public void onNotPermitted() {
        adders[NOT_PERMITTED].increment();
    }

    /** Counts a call the full bulkhead rejected. */
    public void onBulkheadFull() {
        adders[BULKHEAD_FULL].increment();
    }

    /** The counters since creation or the last {@link #reset()}. */
    public Totals totals() {
        long[] base = resetAt; // first: a reset after this read only makes the raw counts larger than base
        long[] t = raw();
        for (int k = 0; k < COUNTS; k++) {
            t[k] -= base[k];
        }
        return new Totals(t[CallHistory.SUCCESS_FAST] + t[CallHistory.SUCCESS_SLOW],
                t[CallHistory.FAILURE_FAST] + t[CallHistory.FAILURE_SLOW], t[CallHistory.IGNORED], t[NOT_PERMITTED],
                t[BULKHEAD_FULL], t[CallHistory.SUCCESS_SLOW] + t[CallHistory.FAILURE_SLOW]);
    }

    /** The last history-size finished calls, oldest first; {@code now} and {@code nowTick} anchor ticker readings. */
    public List<CallResult> history(Instant now, long nowTick) {
        CallHistory h = history;
        if (h == null) {
            return List.of();
        }
        List<CallHistory.Entry> entries = h.snapshot();
        if (entries.size() < h.size() && !carried.isEmpty()) {
            List<CallHistory.Entry> merged = new ArrayList<>(carried);
            merged.addAll(entries);
            entries = merged.subList(Math.max(0, merged.size() - h.size()), merged.size());
        }
        List<CallResult> results = new ArrayList<>(entries.size());
        for (CallHistory.Entry e : entries) {
            results.add(toResult(e, now, nowTick));
        }
        return results;
    }

    /** Zeroes the counters and empties the history; calls in flight meanwhile may land on either side of the reset. */
    public void reset() {
        CallHistory h = history;
        carried = List.of();
        if (h != null) {
            h.clear();
        }
        resetAt = raw();
    }

    /**
     * Keeps the last {@code historySize} calls from now on ({@code 0}: none); the counts and the last entries so far
     * are kept. A call recorded into the old history while this runs is counted but may be missing from the list.
     * Not for concurrent use with itself.
     */
    public void resize(int historySize) {
        CallHistory old = history;
        if ((old == null ? 0 : old.size()) == historySize) {
            return;
        }
        List<CallHistory.Entry> last = new ArrayList<>(carried);
        if (old != null) {
            last.addAll(old.snapshot());
            retired.add(old);
        }
        carried = historySize == 0 ? List.of() : List.copyOf(last.subList(Math.max(0, last.size() - historySize), last.size()));
        history = historySize > 0 ? new CallHistory(historySize) : null;
    }

    private long[] raw() {
        long[] t = new long[COUNTS];
        CallHistory h = history;
        if (h != null) {
            h.addCounts(t);
        }
        for (CallHistory r : retired) {
            if (r != h) {
                r.addCounts(t);
            }
        }
        for (int k = 0; k < COUNTS; k++) {
            t[k] += adders[k].sum();
        }
        return t;
    }

    private static CallResult toResult(CallHistory.Entry e, Instant now, long nowTick) {
        int kind = Outcomes.kind(e.code());
        CallResult.Outcome outcome = kind == Outcomes.SUCCESS ? CallResult.Outcome.SUCCESS
                : kind == Outcomes.FAILURE ? CallResult.Outcome.FAILURE : CallResult.Outcome.IGNORED;
        return new CallResult(outcome == CallResult.Outcome.SUCCESS, e.duration() < 0 ? 0 : e.duration() / 1_000_000.0,
                e.type() == null ? null : ErrorMessages.format(e.type(), e.message()),
                now.minusNanos(nowTick - e.endTick()), outcome, Outcomes.isSlow(e.code()));
    }

    private static String messageOf(Throwable error) {
        try {
            return error.getMessage();
        } catch (Throwable brokenGetMessage) {
            return null;
        }
    }

    /** The cumulative counters at one moment. */
    public record Totals(long successful, long failed, long ignored, long notPermitted, long bulkheadFull, long slow) {

        /** Every call: the sum of the outcome counters and the two kinds of rejection. */
        public long total() {
            return successful + failed + ignored + notPermitted + bulkheadFull;
        }
    }
}
