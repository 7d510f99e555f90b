package dev.circuitbreaker.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * The last N finished calls in one ring of primitive slots, so recording one allocates nothing, and how many calls
 * of each outcome class were recorded. Exact: no entry is ever dropped, and a snapshot lists exactly the last N
 * calls in the order they were recorded, under any number of threads. Thread-safe.
 *
 * <p>A writer claims the next sequence number with one fetch-and-add on the cursor (it never fails, so nothing is
 * dropped under contention) and owns slot {@code seq & mask} until it publishes. Each slot has a stamp: {@code 0}
 * while never written, {@code -(seq + 1)} while sequence {@code seq} is being written, {@code seq + 1} once it is
 * published (a release store). Before writing, a writer waits until the slot's previous lap ({@code seq - capacity})
 * is published; that needs a writer descheduled mid-write while {@code capacity} (at least twice N) others finish,
 * and it keeps two writers off one slot. A reader keeps an entry only if the stamp shows it published both before
 * and after reading it (a seqlock per slot), waits for entries claimed but not yet published, and starts over if the
 * ring lapped it meanwhile.
 *
 * <p>Each slot also counts the outcomes written into it, one counter per outcome class, bumped by the slot's
 * current owner, so recording and counting a call cost one atomic instruction together and every class counter is
 * monotonic; the totals are the sums over all slots.
 */
public final class CallHistory {

    /** Outcome classes: each call bumps exactly one, so {@code slow <= successful + failed} holds in any read. */
    static final int SUCCESS_FAST = 0;
    static final int SUCCESS_SLOW = 1;
    static final int FAILURE_FAST = 2;
    static final int FAILURE_SLOW = 3;
    static final int IGNORED = 4;
    static final int CLASSES = 5;

    private static final VarHandle CELLS = MethodHandles.arrayElementVarHandle(long[].class);
    /** The cursor sits alone on the cache line before the slots. */
    private static final int CURSOR = 7;
    private static final int SLOTS = 16;
    /** Longs per slot: stamp, end tick, packed outcome, then the class counters; one 64-byte line. */
    private static final int SLOT = 8;
    private static final int END = 1;
    private static final int PACKED = 2;
    private static final int COUNTERS = 3;
    /** An outcome code's kind and slow flag: all an entry needs of it. */
    private static final int CODE_BITS = 3;
    private static final long CODE_MASK = (1 << CODE_BITS) - 1;
    /** Set in an entry's packed word when its error strings are set, so a success need not look at them. */
    private static final long HAS_ERROR = 1 << CODE_BITS;
    private static final int DURATION_SHIFT = CODE_BITS + 1;

    private final int size;
    private final int capacity;
    private final int mask;
    private final long[] cells;
    /** Two per slot: the exception's class name and message; written only for errors, or to clear old ones. */
    private final String[] errors;
    private volatile long clearedBefore;

    /** A history of the last {@code size} calls; {@code size} must be positive. */
    public CallHistory(int size) {
        if (size <= 0) {
            throw new IllegalArgumentException("size must be positive but was " + size);
        }
        this.size = size;
        this.capacity = Math.max(32, ceilingPowerOfTwo(2 * size));
        this.mask = capacity - 1;
        this.cells = new long[SLOTS + SLOT * capacity];
        this.errors = new String[2 * capacity];
    }

    /** How many calls a snapshot lists at most. */
    public int size() {
        return size;
    }

    /** The class a call's outcome code counts in. */
    static int classOf(int code) {
        int kind = Outcomes.kind(code);
        if (kind == Outcomes.IGNORED) {
            return IGNORED;
        }
        boolean slow = Outcomes.isSlow(code);
        return kind == Outcomes.SUCCESS ? (slow ? SUCCESS_SLOW : SUCCESS_FAST) : (slow ? FAILURE_SLOW : FAILURE_FAST);
    }

    /**
     * Records and counts a finished call. {@code type} and {@code message} are the exception's class name and
     * message (read by the caller before, so no user code runs while a slot is owned), or {@code null}.
     */
    public void add(long endTick, long durationNanos, int code, String type, String message) {
        long[] cs = cells;
        long seq = (long) CELLS.getAndAdd(cs, CURSOR, 1L);
        int slot = (int) seq & mask;
        int base = SLOTS + SLOT * slot;
        long previous = seq < capacity ? 0 : seq - capacity + 1;
        if ((long) CELLS.getAcquire(cs, base) != previous) {
            awaitPublished(cs, base, previous);
        }
        CELLS.setOpaque(cs, base, -(seq + 1));
        // Readers must see the writing stamp before any of the slot's new data (StampedLock fences here too).
        VarHandle.storeStoreFence();
        long packed = durationNanos << DURATION_SHIFT | code & CODE_MASK;
        int e = 2 * slot;
        if (type != null) {
            // A repeated failure finds its strings already there: skipping the store skips the GC's write barrier.
            if (errors[e] != type) {
                errors[e] = type;
            }
            if (errors[e + 1] != message) {
                errors[e + 1] = message;
            }
            packed |= HAS_ERROR;
        } else if ((cs[base + PACKED] & HAS_ERROR) != 0) {
            errors[e] = null;
            errors[e + 1] = null;
        }
        cs[base + END] = endTick;
        cs[base + PACKED] = packed;
        int counter = base + COUNTERS + classOf(code);
        CELLS.setOpaque(cs, counter, cs[counter] + 1);
        CELLS.setRelease(cs, base, seq + 1);
    }

    /** Adds the counts of each outcome class recorded so far to {@code totals} (indexed by class). */
    void addCounts(long[] totals) {
        long[] cs = cells;
        for (int base = SLOTS; base < cs.length; base += SLOT) {
            for (int c = 0; c < CLASSES; c++) {
                totals[c] += (long) CELLS.getAcquire(cs, base + COUNTERS + c);
            }
        }
    }

    /** The last {@code size} calls recorded since the last {@link #clear()}, oldest first. */
    List<Entry> snapshot() {
        for (;;) {
            List<Entry> entries = tryRead();
            if (entries != null) {
                return entries;
            }
        }
    }

    /** Forgets every entry recorded so far; the counts are kept. */
    void clear() {
        clearedBefore = (long) CELLS.getVolatile(cells, CURSOR);
    }

    /** Reads the last entries, or returns {@code null} if writers lapped the ring meanwhile. */
    private List<Entry> tryRead() {
        long[] cs = cells;
        long written = (long) CELLS.getVolatile(cs, CURSOR);
        long from = Math.max(Math.max(0, written - size), clearedBefore);
        List<Entry> entries = new ArrayList<>((int) (written - from));
        for (long seq = from; seq < written; seq++) {
            int slot = (int) seq & mask;
            int base = SLOTS + SLOT * slot;
            long stamp;
            while ((stamp = (long) CELLS.getAcquire(cs, base)) != seq + 1) {
                if (Math.abs(stamp) > seq + 1) {
                    return null; // overwritten by a later lap
                }
                Thread.onSpinWait(); // claimed, not yet published: the writer is between two stores
            }
            long end = cs[base + END];
            long packed = cs[base + PACKED];
            boolean hasError = (packed & HAS_ERROR) != 0;
            String type = hasError ? errors[2 * slot] : null;
            String message = hasError ? errors[2 * slot + 1] : null;
            VarHandle.acquireFence();
            if ((long) CELLS.getAcquire(cs, base) != stamp) {
                return null;
            }
            entries.add(new Entry(end, packed >> DURATION_SHIFT, (int) (packed & CODE_MASK), type, message));
        }
        return entries;
    }

    private static void awaitPublished(long[] cs, int base, long previous) {
        for (int spins = 0; (long) CELLS.getAcquire(cs, base) != previous; spins++) {
            if (spins < 100) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
    }

    private static int ceilingPowerOfTwo(int n) {
        return n <= 1 ? 1 : Integer.highestOneBit(n - 1) << 1;
    }

    /** One recorded call: end tick, duration (negative if not timed), outcome code, and error text if any. */
    record Entry(long endTick, long duration, int code, String type, String message) {
    }
}
