package dev.circuitbreaker.internal;

import dev.circuitbreaker.CallResult;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The last N finished calls, in rings of primitive slots, so recording one allocates nothing. Thread-safe.
 *
 * <p>Each writer claims a sequence number in a ring and its slot's stamp ({@code -(seq+1)} while writing,
 * {@code seq+1} when done); a reader keeps a slot only if its stamp is the expected one before and after reading it
 * (a seqlock). Under extreme contention (a writer lapped by a whole ring of others) an entry may be dropped, never
 * torn. Entries store the ticker reading at which the call ended; the wall-clock timestamp is derived when read.
 *
 * <p>Striped like a {@code LongAdder}: there is one ring until two threads collide on a ring's cursor, then the
 * rings double (up to twice the processors), and a thread records into the ring its id selects. Threads calling one
 * breaker therefore do not share a hot cursor or slot. Each ring keeps the last N of its own calls, so the last N
 * overall are among them: a snapshot merges the rings by end tick (stable, so one ring's order is kept on ties).
 * A ring's capacity is N rounded up to a power of two, so a slot is found with a mask rather than a division.
 */
public final class CallHistory {

    private static final int MAX_RINGS = 2 * ceilingPowerOfTwo(Runtime.getRuntime().availableProcessors());
    private static final VarHandle RINGS;

    static {
        try {
            RINGS = MethodHandles.lookup().findVarHandle(CallHistory.class, "rings", Ring[].class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final int size;
    private final int capacity;
    private volatile Ring[] rings;

    public CallHistory(int size) {
        this.size = size;
        this.capacity = size == 0 ? 0 : ceilingPowerOfTwo(size);
        this.rings = new Ring[] {new Ring(capacity)};
    }

    public boolean enabled() {
        return size > 0;
    }

    /** Records a finished call; {@code error} is kept only as its class name and message. */
    public void add(long endTick, long durationNanos, int code, Throwable error) {
        Ring[] rs = rings;
        Ring ring = rs[ringIndex(rs)];
        long seq;
        while ((seq = ring.tryClaim()) < 0) {
            rs = grow(rs);
            ring = rs[ringIndex(rs)];
        }
        ring.write(seq, endTick, durationNanos, code, error);
    }

    /** The entries, oldest first; {@code now} and {@code nowTick} anchor ticker readings to wall-clock time. */
    public List<CallResult> snapshot(Instant now, long nowTick) {
        Ring[] rs = rings;
        List<Entry> entries = new ArrayList<>();
        for (Ring ring : rs) {
            ring.collect(size, entries);
        }
        if (rs.length > 1) {
            entries.sort((a, b) -> Long.compare(a.endTick - b.endTick, 0));
        }
        List<Entry> last = entries.subList(Math.max(0, entries.size() - size), entries.size());
        List<CallResult> results = new ArrayList<>(last.size());
        for (Entry e : last) {
            int kind = Outcomes.kind(e.code);
            CallResult.Outcome outcome = kind == Outcomes.SUCCESS ? CallResult.Outcome.SUCCESS
                    : kind == Outcomes.FAILURE ? CallResult.Outcome.FAILURE : CallResult.Outcome.IGNORED;
            results.add(new CallResult(outcome == CallResult.Outcome.SUCCESS, e.duration / 1_000_000.0,
                    e.type == null ? null : ErrorMessages.format(e.type, e.message),
                    now.minusNanos(nowTick - e.endTick), outcome, Outcomes.isSlow(e.code)));
        }
        return results;
    }

    /** Forgets every entry recorded so far. */
    public void clear() {
        for (Ring ring : rings) {
            ring.clear();
        }
    }

    private static int ceilingPowerOfTwo(int n) {
        return n <= 1 ? 1 : Integer.highestOneBit(n - 1) << 1;
    }

    private static int ringIndex(Ring[] rs) {
        return (int) Thread.currentThread().getId() & (rs.length - 1);
    }

    /** Doubles the rings after a collision, unless another thread did or they are at their maximum. */
    private Ring[] grow(Ring[] seen) {
        Ring[] current = rings;
        if (current != seen || seen.length >= MAX_RINGS) {
            return current;
        }
        Ring[] doubled = Arrays.copyOf(seen, seen.length * 2);
        for (int i = seen.length; i < doubled.length; i++) {
            doubled[i] = new Ring(capacity);
        }
        return RINGS.compareAndSet(this, seen, doubled) ? doubled : rings;
    }

    private record Entry(long endTick, long duration, int code, String type, String message) {
    }

    /** One ring of slots with its own cursor. */
    private static final class Ring {

        /** The cursor sits in the middle of its own 128-byte array, so no other ring's hot data shares its line. */
        private static final int CURSOR = 7;

        private final int mask;
        private final AtomicLongArray cursorCell = new AtomicLongArray(16);
        private final AtomicLongArray stamps;
        private final long[] endTicks;
        private final long[] durations;
        private final int[] codes;
        private final String[] errorTypes;
        private final String[] errorMessages;
        private volatile long clearedBefore;

        Ring(int capacity) {
            this.mask = capacity - 1;
            this.stamps = new AtomicLongArray(capacity);
            this.endTicks = new long[capacity];
            this.durations = new long[capacity];
            this.codes = new int[capacity];
            this.errorTypes = new String[capacity];
            this.errorMessages = new String[capacity];
        }

        /** The next sequence number, or -1 if another thread claimed it first (a collision: time to stripe). */
        long tryClaim() {
            long seq = cursorCell.get(CURSOR);
            return cursorCell.compareAndSet(CURSOR, seq, seq + 1) ? seq : -1;
        }

        void write(long seq, long endTick, long durationNanos, int code, Throwable error) {
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
            // Release: the claiming CAS ordered the writing stamp before the data; readers fence before re-reading.
            stamps.setRelease(i, seq + 1);
        }

        /** Adds this ring's last {@code size} finished entries, oldest first. */
        void collect(int size, List<Entry> into) {
            long end = cursorCell.get(CURSOR);
            long start = Math.max(Math.max(0, end - size), clearedBefore);
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
                if (stamps.get(i) == seq + 1) {
                    into.add(new Entry(endTick, duration, code, type, message));
                }
            }
        }

        void clear() {
            clearedBefore = cursorCell.get(CURSOR);
        }

        private static String messageOf(Throwable error) {
            try {
                return error.getMessage();
            } catch (RuntimeException e) {
                return null;
            }
        }
    }
}
