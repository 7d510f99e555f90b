package dev.circuitbreaker.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * The outcomes of the last N whole seconds, one bucket per second counted from the window's origin, so memory
 * stays N buckets whatever the traffic. Second {@code s} holds ticks in {@code [origin + s s, origin + (s+1) s)};
 * at second {@code s} the window holds seconds {@code s-N+1 .. s}.
 *
 * <p>A plain success in the newest second takes no lock: each bucket's second and call count share one word, and
 * {@link #tryAddSuccess} adds the call with one compare-and-set that fails if the bucket is not the newest one (its
 * word then names another second, or carries the sealed bit a rotation sets before anything else changes). Every
 * other outcome, and the rotation to a new second, is recorded by the owner under its lock; failures, slow calls
 * and categories are only ever changed there. The calls in sealed buckets are summed in {@code othersCalls}, written
 * before the new newest bucket is published, so a lock-free success that read an unsealed word also reads the sum
 * that goes with it. Seconds are {@code int}s: a CLOSED period of over 68 years is not supported.
 */
final class TimeWindow extends SlidingWindow {

    private static final VarHandle WORDS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** No second yet: a value {@link #secondOf} never returns for readings after the origin. */
    private static final int NONE = Integer.MIN_VALUE;
    private static final long SEALED = 1L << 31;
    private static final long CALLS = SEALED - 1;

    private final int size;
    private final long origin;
    /** Per bucket: its second in the high 32 bits, the sealed bit, and its calls in the low 31 bits. */
    private final long[] words;
    private final int[] failures;
    private final int[] slow;
    private final int[][] failuresByCategory;
    /** The newest second recorded; changed only under the owner's lock. */
    private volatile int newest = NONE;
    /** Calls in the window's buckets other than the newest; changed only under the owner's lock. */
    private volatile int othersCalls;

    TimeWindow(int size, int categories, long origin) {
        super(categories);
        this.size = size;
        this.origin = origin;
        this.words = new long[size];
        this.failures = new int[size];
        this.slow = new int[size];
        this.failuresByCategory = new int[size][categories];
        Arrays.fill(words, word(NONE, 0) | SEALED);
    }

    @Override
    public boolean tryAddSuccess(long tick, TripRules rules) {
        int s = secondOf(tick);
        int i = index(s);
        for (;;) {
            long w = (long) WORDS.getVolatile(words, i);
            if ((int) (w >> 32) != s || (w & SEALED) != 0) {
                return false; // not the newest second (or a rotation is sealing it): the locked path decides
            }
            int calls = (int) (w & CALLS);
            if (rules.aSuccessCanTripAt(othersCalls + calls + 1)) {
                return false;
            }
            if (WORDS.compareAndSet(words, i, w, w + 1)) {
                return true;
            }
        }
    }

    @Override
    public void record(int code, long tick) {
        int s = secondOf(tick);
        int n = newest;
        if (n == NONE || s > n) {
            rotateTo(s, n);
        } else if (s <= n - size) {
            return; // finished before the window's oldest second: too late to count
        }
        int i = index(s);
        if (s == newest) {
            WORDS.getAndAdd(words, i, 1L);
        } else {
            WORDS.setVolatile(words, i, (long) WORDS.getVolatile(words, i) + 1); // sealed: only this lock writes it
            othersCalls = othersCalls + 1;
        }
        if (Outcomes.isSlow(code)) {
            slow[i]++;
        }
        if (Outcomes.kind(code) == Outcomes.FAILURE) {
            failures[i]++;
            failuresByCategory[i][Outcomes.category(code)]++;
        }
        count(code, +1);
    }

    @Override
    public WindowSnapshot snapshot(long tick) {
        int n = newest;
        if (n == NONE) {
            return WindowSnapshot.EMPTY;
        }
        long oldest = (long) Math.max(n, secondOf(tick)) - size;
        int c = 0;
        int f = 0;
        int sl = 0;
        for (int i = 0; i < size; i++) {
            long w = (long) WORDS.getVolatile(words, i);
            int second = (int) (w >> 32);
            if (second != NONE && second > oldest) {
                c += (int) (w & CALLS);
                f += failures[i];
                sl += slow[i];
            }
        }
        return new WindowSnapshot(c, f, sl);
    }

    @Override
    public boolean needsTick() {
        return true;
    }

    @Override
    public int bufferedCalls() {
        int n = newest;
        return n == NONE ? 0 : othersCalls + (int) ((long) WORDS.getVolatile(words, index(n)) & CALLS);
    }

    private int secondOf(long tick) {
        return (int) Math.floorDiv(tick - origin, NANOS_PER_SECOND);
    }

    private int index(int second) {
        return Math.floorMod(second, size);
    }

    private static long word(int second, int calls) {
        return (long) second << 32 | calls;
    }

    /** Makes {@code s} the newest second: seals the previous newest bucket, evicts what left the window. */
    private void rotateTo(int s, int previous) {
        int others = othersCalls;
        if (previous != NONE) {
            int p = index(previous);
            long w;
            do {
                w = (long) WORDS.getVolatile(words, p);
            } while (!WORDS.compareAndSet(words, p, w, w | SEALED));
            others += (int) (w & CALLS);
        }
        if (previous == NONE || (long) s - previous >= size) {
            for (int i = 0; i < size; i++) {
                others -= evict(i);
            }
        } else {
            for (int old = previous - size + 1; old <= s - size; old++) {
                int i = index(old);
                if ((int) ((long) WORDS.getVolatile(words, i) >> 32) == old) {
                    others -= evict(i);
                }
            }
        }
        othersCalls = others;
        WORDS.setVolatile(words, index(s), word(s, 0));
        newest = s;
    }

    /** Empties bucket {@code i} and returns the calls it held. */
    private int evict(int i) {
        long w = (long) WORDS.getVolatile(words, i);
        if ((int) (w >> 32) == NONE) {
            return 0;
        }
        removeTotals(failures[i], slow[i], failuresByCategory[i]);
        failures[i] = 0;
        slow[i] = 0;
        Arrays.fill(failuresByCategory[i], 0);
        WORDS.setVolatile(words, i, word(NONE, 0) | SEALED);
        return (int) (w & CALLS);
    }
}
