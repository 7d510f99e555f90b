package dev.circuitbreaker;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A ticker the test moves by hand. Thread-safe. */
public final class FakeTicker implements Ticker {

    private final AtomicLong nanos;

    public FakeTicker() {
        this(0);
    }

    /** A ticker whose first reading is {@code start}: any long is a valid reading, wrap-around included. */
    public FakeTicker(long start) {
        this.nanos = new AtomicLong(start);
    }

    @Override
    public long read() {
        return nanos.get();
    }

    public FakeTicker advance(Duration d) {
        nanos.addAndGet(d.toNanos());
        return this;
    }

    public FakeTicker advanceMillis(long millis) {
        return advance(Duration.ofMillis(millis));
    }
}
