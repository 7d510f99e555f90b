package dev.circuitbreaker.benchmarks;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The floor: the least a breaker that times every call can do. It reads {@link System#nanoTime()} twice and bumps two
 * shared counters (calls and total nanos), and decides nothing. Thread-safe.
 */
final class Floor {

    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong nanos = new AtomicLong();

    <T> T get(Supplier<T> callee) {
        long start = System.nanoTime();
        T result = callee.get();
        long end = System.nanoTime();
        calls.incrementAndGet();
        nanos.addAndGet(end - start);
        return result;
    }
}
