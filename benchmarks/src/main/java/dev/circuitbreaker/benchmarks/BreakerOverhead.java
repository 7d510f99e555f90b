package dev.circuitbreaker.benchmarks;

import dev.circuitbreaker.CircuitBreaker;
import dev.circuitbreaker.CircuitBreakerConfig;
import dev.circuitbreaker.Ticker;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Not a comparison and not a target: {@link ClosedSuccess}'s {@code core} and {@code floor} with a ticker that costs
 * next to nothing (a field bumped per read) instead of {@link System#nanoTime()}. On this VM the two clock reads are
 * about two thirds of a timed call and their cost drifts by 10 % from run to run, which hides changes of a few
 * nanoseconds in the breaker's own work; here that work is nearly all that is left. One thread.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(3)
@Threads(1)
@State(Scope.Benchmark)
public class BreakerOverhead {

    private final Callee.Payload payload = new Callee.Payload();
    private Supplier<String> callee;
    private CheapTicker floorTicker;
    private AtomicLong calls;
    private AtomicLong nanos;
    private CircuitBreaker core;

    @Setup
    public void setUp() {
        callee = Callee.succeeding(payload);
        floorTicker = new CheapTicker();
        calls = new AtomicLong();
        nanos = new AtomicLong();
        core = CircuitBreaker.builder("core-cheap-ticker").config(CircuitBreakerConfig.ofDefaults())
                .ticker(new CheapTicker()).build();
    }

    /** The floor's work (two ticker reads, two shared counters) with the cheap ticker. */
    @Benchmark
    public String floor() {
        long start = floorTicker.read();
        String result = callee.get();
        long end = floorTicker.read();
        calls.incrementAndGet();
        nanos.addAndGet(end - start);
        return result;
    }

    /** The default config (history on, so every call is timed) with the cheap ticker. */
    @Benchmark
    public String core() {
        return core.get(callee);
    }

    /** Advances 1 us per read; single-threaded use only, as here. */
    static final class CheapTicker implements Ticker {
        private long now;

        @Override
        public long read() {
            return now += 1_000;
        }
    }
}
