package dev.circuitbreaker.redis.support;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Call latencies per phase of a test, in power-of-two microsecond buckets (1 µs, 2 µs, 4 µs, ... up to ~17 min),
 * recorded lock-free by any number of threads.
 */
public final class LatencyRecorder {

    private static final int BUCKETS = 31;

    private final AtomicLongArray counts;
    private final int phases;
    private volatile int phase;

    public LatencyRecorder(int phases) {
        this.phases = phases;
        this.counts = new AtomicLongArray(phases * BUCKETS);
    }

    public void phase(int phase) {
        this.phase = phase;
    }

    public void record(long nanos) {
        long micros = Math.max(1, nanos / 1000);
        int bucket = Math.min(BUCKETS - 1, 63 - Long.numberOfLeadingZeros(micros));
        counts.incrementAndGet(phase * BUCKETS + bucket);
    }

    public long count(int phase) {
        long n = 0;
        for (int b = 0; b < BUCKETS; b++) {
            n += counts.get(phase * BUCKETS + b);
        }
        return n;
    }

    /** The upper bound of the bucket holding the {@code quantile} call of the phase. */
    public Duration quantile(int phase, double quantile) {
        long n = count(phase);
        long rank = (long) Math.ceil(n * quantile);
        long seen = 0;
        for (int b = 0; b < BUCKETS; b++) {
            seen += counts.get(phase * BUCKETS + b);
            if (seen >= rank && rank > 0) {
                return Duration.ofNanos((2L << b) * 1000);
            }
        }
        return Duration.ZERO;
    }

    public String describe() {
        StringBuilder out = new StringBuilder();
        for (int p = 0; p < phases; p++) {
            out.append(String.format("phase %d: %d calls, p99 <= %d us, p99.9 <= %d us, max <= %d us%n", p, count(p),
                    quantile(p, 0.99).toNanos() / 1000, quantile(p, 0.999).toNanos() / 1000, quantile(p, 1.0).toNanos() / 1000));
        }
        return out.toString();
    }
}
