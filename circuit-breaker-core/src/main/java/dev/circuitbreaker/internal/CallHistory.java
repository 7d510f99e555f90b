package dev.circuitbreaker.internal;

import dev.circuitbreaker.CallResult;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The last N finished calls, in rings of primitive slots, so recording one allocates nothing, and how many calls of
 * each outcome were recorded. Thread-safe.
 *
 * <p>Each ring is a seqlock: a writer takes it with one compare-and-set, writes one slot, bumps the ring's own
 * outcome counters and publishes both with a release store, so recording an entry and counting it cost one atomic
 * instruction together; a reader keeps only entries that no writer can have overwritten while it read them. Under
 * extreme contention (every ring being written at once) an entry may be dropped, never torn. Entries store the
 * ticker reading at which the call ended; the wall-clock timestamp is derived when read.
 *
 * <p>Striped like a {@code LongAdder}: there is one ring until two threads collide on it, then the rings double
 * (up to twice the processors), and a thread records into the ring its id selects, or the next free one. Threads calling one
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

    /** Where {@link #addCounts} puts the slow calls; the outcome kinds take indices 0 to 2. */
    public static final int SLOW = 3;

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

    /**
     * Records and counts a finished call; {@code error} is kept only as its class name and message. Returns false,
     * having done neither, if the history is disabled or the entry had to be dropped: the caller counts it elsewhere.
     */
    public boolean add(long endTick, long durationNanos, int code, Throwable error) {
        if (size == 0) {
            return false;
        }
        Ring[] rs = rings;
        int home = ringIndex(rs);
        if (rs[home].tryWrite(endTick, durationNanos, code, error)) {
            return true;
        }
        Ring[] grown = grow(rs);
        if (grown != rs) {
            rs = grown;
            home = ringIndex(rs);
        }
        for (int k = 0; k < rs.length; k++) {
            if (rs[(home + k) & (rs.length - 1)].tryWrite(endTick, durationNanos, code, error)) {
                return true;
            }
        }
        // Every ring is being written at this instant (writers descheduled mid-write): drop the entry, never wait.
        return false;
    }

    /**
     * Adds the calls counted by {@link #add} so far to {@code totals}, indexed by outcome kind ({@link Outcomes}), and
     * the slow ones at index {@link #SLOW}. Each count is exact once the calls that {@code add}ed it have returned.
     */
    public void addCounts(long[] totals) {
        for (Ring ring : rings) {
            ring.addCounts(totals);
        }
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

    /**
     * One ring of slots guarded by its cursor, a seqlock: {@code 2 * entries written}, plus one while an entry is
     * being written. A writer takes the ring with one compare-and-set from even to odd, fills the slot and publishes
     * with a release store of the next even value; a writer that finds the ring taken collides and moves on. A
     * reader re-reads the cursor after reading and keeps only entries that no writer could have overwritten since.
     */
    private static final class Ring {

        private static final VarHandle CELLS = MethodHandles.arrayElementVarHandle(long[].class);
        /**
         * The cursor sits at index 7 of the ring's one {@code long[]}, so its cache line holds nothing of another
         * ring; the ring's outcome counters follow it (indexed by kind, then slow), written only by the writer
         * holding the ring; the entries start at {@link #ENTRIES}, past that line.
         */
        private static final int CURSOR = 7;
        private static final int COUNTS = CURSOR + 1;
        private static final int ENTRIES = 16;
        /** An outcome code's kind and slow flag: all a history entry needs of it. */
        private static final int CODE_BITS = 3;
        private static final long CODE_MASK = (1 << CODE_BITS) - 1;
        /** Set in an entry's packed word when its error strings are set, so a success need not look at them. */
        private static final long HAS_ERROR = 1 << CODE_BITS;
        private static final int DURATION_SHIFT = CODE_BITS + 1;

        private final int capacity;
        private final int mask;
        /**
         * The cursor and counters, then two longs per entry, side by side so a success touches one cache line: the
         * end tick, then the duration shifted left by {@link #DURATION_SHIFT} above the {@link #HAS_ERROR} flag and
         * the outcome's kind and slow flag (history needs no failure category).
         */
        private final long[] cells;
        /** Two per entry: the exception's class name and message; written only for errors or to clear old ones. */
        private final String[] errors;
        private volatile long clearedBefore;

        Ring(int capacity) {
            this.capacity = capacity;
            this.mask = capacity - 1;
            this.cells = new long[ENTRIES + 2 * capacity];
            this.errors = new String[2 * capacity];
        }

        /** Writes the entry and returns true, or returns false if another thread holds the ring (a collision). */
        boolean tryWrite(long endTick, long durationNanos, int code, Throwable error) {
            long[] cs = cells;
            long c = (long) CELLS.getVolatile(cs, CURSOR);
            if ((c & 1) != 0 || !CELLS.compareAndSet(cs, CURSOR, c, c + 1)) {
                return false;
            }
            int e = 2 * ((int) (c >>> 1) & mask);
            int i = ENTRIES + e;
            long packed = durationNanos << DURATION_SHIFT | code & CODE_MASK;
            if (error != null) {
                errors[e] = error.getClass().getName();
                errors[e + 1] = messageOf(error);
                packed |= HAS_ERROR;
            } else if ((cs[i + 1] & HAS_ERROR) != 0) {
                errors[e] = null;
                errors[e + 1] = null;
            }
            cs[i] = endTick;
            cs[i + 1] = packed;
            // Only the holder writes the counters, so a plain read and an opaque (untorn) write are enough.
            int counter = COUNTS + Outcomes.kind(code);
            CELLS.setOpaque(cs, counter, cs[counter] + 1);
            if (Outcomes.isSlow(code)) {
                CELLS.setOpaque(cs, COUNTS + SLOW, cs[COUNTS + SLOW] + 1);
            }
            // Release: the CAS ordered the odd cursor before the data; readers fence before re-reading the cursor.
            CELLS.setRelease(cs, CURSOR, c + 2);
            return true;
        }

        /** Adds this ring's last {@code size} finished entries, oldest first. */
        void collect(int size, List<Entry> into) {
            long[] cs = cells;
            long written = (long) CELLS.getVolatile(cs, CURSOR) >>> 1;
            long start = Math.max(Math.max(0, written - size), clearedBefore);
            List<Entry> read = new ArrayList<>((int) Math.max(0, written - start));
            for (long seq = start; seq < written; seq++) {
                int e = 2 * ((int) seq & mask);
                long packed = cs[ENTRIES + e + 1];
                boolean hasError = (packed & HAS_ERROR) != 0;
                read.add(new Entry(cs[ENTRIES + e], packed >> DURATION_SHIFT, (int) (packed & CODE_MASK),
                        hasError ? errors[e] : null, hasError ? errors[e + 1] : null));
            }
            VarHandle.acquireFence();
            long started = ((long) CELLS.getVolatile(cs, CURSOR) + 1) >>> 1;
            long intactFrom = started - capacity;
            for (int k = 0; k < read.size(); k++) {
                if (start + k >= intactFrom) {
                    into.add(read.get(k));
                }
            }
        }

        void addCounts(long[] totals) {
            for (int k = 0; k <= SLOW; k++) {
                totals[k] += (long) CELLS.getVolatile(cells, COUNTS + k);
            }
        }

        void clear() {
            clearedBefore = ((long) CELLS.getVolatile(cells, CURSOR) + 1) >>> 1;
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
