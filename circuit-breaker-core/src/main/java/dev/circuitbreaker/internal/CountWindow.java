package dev.circuitbreaker.internal;

/** The last N outcomes in a ring: a new outcome evicts the oldest once the ring is full. */
final class CountWindow extends SlidingWindow {

    private final int[] ring;
    private int next;

    CountWindow(int size, int categories) {
        super(categories);
        this.ring = new int[size];
    }

    @Override
    public void record(int code, long tick) {
        if (bufferedCalls() == ring.length) {
            add(ring[next], -1);
        }
        ring[next] = code;
        add(code, +1);
        next = next + 1 == ring.length ? 0 : next + 1;
    }

    @Override
    public WindowSnapshot snapshot(long tick) {
        return totals();
    }

    @Override
    public boolean isFullOfSuccesses() {
        return bufferedCalls() == ring.length && failedCalls() == 0 && slowCalls() == 0;
    }

    @Override
    public boolean needsTick() {
        return false;
    }
}
