package dev.circuitbreaker.internal;

import dev.circuitbreaker.CallResult;
import java.lang.invoke.VarHandle;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The last N finished calls, in a ring of primitive slots, so recording one allocates nothing. Thread-safe.
 *
 * <p>Each writer claims a sequence number and its slot's stamp ({@code -(seq+1)} while writing, {@code seq+1} when
 * done); a reader keeps a slot only if its stamp is the expected one before and after reading it (a seqlock).
 * Under extreme contention (a writer lapped by a whole ring of others) an entry may be dropped, never torn.
 * Entries store the ticker reading at which the call ended; the wall-clock timestamp is derived when read.
 *
 * <p>The ring's capacity is {@code size} rounded up to a power of two, so a slot is found with a mask rather than a
 * 64-bit division; only the last {@code size} sequence numbers are read back. A finished slot's stamp is a release
 * store: the claiming compare-and-set already orders the stamp before the data, and readers fence before re-reading.
 */
public final class CallHistory {

    private final int size;
    private final int mask;
    private final AtomicLong cursor = new AtomicLong();
    private final AtomicLongArray stamps;
    private final long[] endTicks;
    private final long[] durations;
    private final int[] codes;
    private final String[] errorTypes;
    private final String[] errorMessages;
    private volatile long clearedBefore;

    public CallHistory(int size) {
        this.size = size;
        int capacity = size <= 1 ? size : Integer.highestOneBit(size - 1) << 1;
        this.mask = capacity - 1;
        this.stamps = new AtomicLongArray(capacity);
        this.endTicks = new long[capacity];
        this.durations = new long[capacity];
        this.codes = new int[capacity];
        this.errorTypes = new String[capacity];
        this.errorMessages = new String[capacity];
    }

    public boolean enabled() {
        return size > 0;
    }

    /** Records a finished call; {@code error} is kept only as its class name and message. */
    public void add(long endTick, long durationNanos, int code, Throwable error) {
        long seq = cursor.getAndIncrement();
        int i = (int) seq & mask;
        long stamp = stamps.get(i);
        if (stamp < 0 || stamp > seq || !stamps.compareAndSet(i, stamp, -(seq + 1))) {
            return;
        }
        endTicks[i] = endTick;
        durations[i] = durationNanos;
        codes[i] = code;
        errorTypes[i] = error == null ? null : error.getClass().getName();
        errorMessages[i] = error == null ? null : messageOf(error);
        stamps.setRelease(i, seq + 1);
    }

    /** The entries, oldest first; {@code now} and {@code nowTick} anchor ticker readings to wall-clock time. */
    public List<CallResult> snapshot(Instant now, long nowTick) {
        long end = cursor.get();
        long start = Math.max(Math.max(0, end - size), clearedBefore);
        List<CallResult> results = new ArrayList<>((int) Math.max(0, end - start));
        for (long seq = start; seq < end; seq++) {
            int i = (int) seq & mask;
            if (stamps.get(i) != seq + 1) {
                continue;
            }
            long endTick = endTicks[i];
            long duration = durations[i];
            int code = codes[i];
            String type = errorTypes[i];
            String message = errorMessages[i];
            VarHandle.acquireFence();
            if (stamps.get(i) != seq + 1) {
                continue;
            }
            int kind = Outcomes.kind(code);
            CallResult.Outcome outcome = kind == Outcomes.SUCCESS ? CallResult.Outcome.SUCCESS
                    : kind == Outcomes.FAILURE ? CallResult.Outcome.FAILURE : CallResult.Outcome.IGNORED;
            results.add(new CallResult(outcome == CallResult.Outcome.SUCCESS, duration / 1_000_000.0,
                    type == null ? null : ErrorMessages.format(type, message),
                    now.minusNanos(nowTick - endTick), outcome, Outcomes.isSlow(code)));
        }
        return results;
    }

    /** Forgets every entry recorded so far. */
    public void clear() {
        clearedBefore = cursor.get();
    }

    private static String messageOf(Throwable error) {
        try {
            return error.getMessage();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
