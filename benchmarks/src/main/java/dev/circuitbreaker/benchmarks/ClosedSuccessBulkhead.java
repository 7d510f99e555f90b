package dev.circuitbreaker.benchmarks;

import dev.circuitbreaker.CircuitBreaker;
import java.util.concurrent.TimeUnit;
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
 * A permitted successful call in a CLOSED breaker whose bulkhead is on ({@code maxConcurrentCalls} 25, never full
 * here): this project against Resilience4j's {@code CircuitBreaker} and semaphore {@code Bulkhead} decorated together
 * with the same limit. {@code core} (the default config, bulkhead off) is {@link ClosedSuccess}'s, run again here so
 * that what the bulkhead adds when it is on reads within one run. Whether the bulkhead costs anything when it is
 * off is a different question, answered by {@code benchmarks/bulkhead-off.sh} (two builds, not two configs).
 * {@link ClosedSuccessBulkheadTwoThreads} runs the same on two threads.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(2)
@Threads(1)
@State(Scope.Benchmark)
public class ClosedSuccessBulkhead {

    private final Callee.Payload payload = new Callee.Payload();
    private Supplier<String> callee;
    private CircuitBreaker core;
    private CircuitBreaker coreBulkhead;
    private CircuitBreaker coreBulkheadNoDuration;
    private Supplier<String> resilience4j;

    @Setup
    public void setUp() {
        callee = Callee.succeeding(payload);
        core = Subjects.core();
        coreBulkhead = Subjects.coreBulkhead();
        coreBulkheadNoDuration = Subjects.coreBulkheadNoDuration();
        resilience4j = Subjects.resilience4jBulkhead(callee);
    }

    /** The default config: the bulkhead off. */
    @Benchmark
    public String core() {
        return core.get(callee);
    }

    /** The default config with the bulkhead on: every call is timed (history), and takes and gives back a place. */
    @Benchmark
    public String coreBulkhead() {
        return coreBulkhead.get(callee);
    }

    /** The bulkhead on, and no history or slow-call rule, so no clock read. */
    @Benchmark
    public String coreBulkheadNoDuration() {
        return coreBulkheadNoDuration.get(callee);
    }

    /** Resilience4j's default CircuitBreaker around its semaphore Bulkhead, same limit. */
    @Benchmark
    public String resilience4j() {
        return resilience4j.get();
    }
}
