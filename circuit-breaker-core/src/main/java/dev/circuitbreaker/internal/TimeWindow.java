package dev.circuitbreaker.internal;

/**
 * The outcomes of the last N whole seconds, one bucket per second counted from the window's origin, so memory
 * stays N buckets whatever the traffic. Second {@code s} holds ticks in {@code [origin + s s, origin + (s+1) s)};
 * at second {@code s} the window holds seconds {@code s-N+1 .. s}.
 */
final class TimeWindow extends SlidingWindow {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long EMPTY = Long.MIN_VALUE;

    private final int size;
    private final long origin;
    private final long[] second;
    private final int[] calls;
    private final int[] failures;
    private final int[] slow;
    private final int[][] failuresByCategory;
    private long newest;

    TimeWindow(int size, int categories, long origin) {
        super(categories);
        this.size = size;
        this.origin = origin;
        this.second = new long[size];
        this.calls = new int[size];
        this.failures = new int[size];
        this.slow = new int[size];
        this.failuresByCategory = new int[size][categories];
        java.util.Arrays.fill(second, EMPTY);
    }

    @Override
    public void record(int code, long tick) {
        long s = secondOf(tick);
        if (s > newest) {
            expireUpTo(s);
            newest = s;
        } else if (s <= newest - size) {
            return; // finished before the window's oldest second: too late to count
        }
        int i = (int) Math.floorMod(s, (long) size);
        if (second[i] != s) {
            evict(i);
            second[i] = s;
        }
        calls[i]++;
        if (Outcomes.isSlow(code)) {
            slow[i]++;
        }
        if (Outcomes.kind(code) == Outcomes.FAILURE) {
            failures[i]++;
            failuresByCategory[i][Outcomes.category(code)]++;
        }
        add(code, +1);
    }

    @Override
    public WindowSnapshot snapshot(long tick) {
        long oldest = Math.max(newest, secondOf(tick)) - size;
        int c = 0;
        int f = 0;
        int sl = 0;
        for (int i = 0; i < size; i++) {
            if (second[i] != EMPTY && second[i] > oldest) {
                c += calls[i];
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

    private long secondOf(long tick) {
        return Math.floorDiv(tick - origin, NANOS_PER_SECOND);
    }

    /** Evicts every bucket whose second is no longer in the window once {@code s} is the newest second. */
    private void expireUpTo(long s) {
        if (s - newest >= size) {
            for (int i = 0; i < size; i++) {
                evict(i);
            }
            return;
        }
        for (long old = newest - size + 1; old <= s - size; old++) {
            int i = (int) Math.floorMod(old, (long) size);
            if (second[i] == old) {
                evict(i);
            }
        }
    }

    private void evict(int i) {
        if (second[i] == EMPTY) {
            return;
        }
        removeTotals(calls[i], failures[i], slow[i], failuresByCategory[i]);
        calls[i] = 0;
        failures[i] = 0;
        slow[i] = 0;
        java.util.Arrays.fill(failuresByCategory[i], 0);
        second[i] = EMPTY;
    }
}
