package dev.circuitbreaker.internal;

/** The last N outcomes in a ring: a new outcome evicts the oldest once the ring is full. Not thread-safe. */
final class CountWindow extends SlidingWindow {

    private final int[] ring;
    private int next;
    private int buffered;

    CountWindow(int size, int categories) {
        super(categories);
        this.ring = new int[size];
    }

    @Override
    public void record(int code, long tick) {
        if (buffered == ring.length) {
            count(ring[next], -1);
        } else {
            buffered++;
        }
        ring[next] = code;
        count(code, +1);
        next = next + 1 == ring.length ? 0 : next + 1;
    }

    @Override
    public WindowSnapshot snapshot(long tick) {
        return new WindowSnapshot(buffered, failedCalls(), slowCalls());
    }

    @Override
    public boolean isFullOfSuccesses() {
        return buffered == ring.length && failedCalls() == 0 && slowCalls() == 0;
    }

    @Override
    public boolean needsTick() {
        return false;
    }

    @Override
    public int bufferedCalls() {
        return buffered;
    }
}
