package dev.circuitbreaker.benchmarks;

import dev.circuitbreaker.CircuitBreaker;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.function.CheckedSupplier;
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

/** A permitted successful call with a 10-second TIME_BASED window (each outcome needs its end time). One thread. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@Threads(1)
@State(Scope.Benchmark)
public class TimeBasedWindow {

    private final Callee.Payload payload = new Callee.Payload();
    private Supplier<String> callee;
    private CheckedSupplier<String> checkedCallee;
    private CircuitBreaker core;
    private CircuitBreaker coreNoHistory;
    private Supplier<String> resilience4j;
    private FailsafeExecutor<String> failsafe;

    @Setup
    public void setUp() {
        callee = Callee.succeeding(payload);
        checkedCallee = callee::get;
        core = Subjects.coreTimeBased(100);
        coreNoHistory = Subjects.coreTimeBased(0);
        resilience4j = io.github.resilience4j.circuitbreaker.CircuitBreaker.decorateSupplier(
                Subjects.resilience4jTimeBased(), callee);
        failsafe = Subjects.failsafeTimeBased();
    }

    @Benchmark
    public String core() {
        return core.get(callee);
    }

    @Benchmark
    public String coreNoHistory() {
        return coreNoHistory.get(callee);
    }

    @Benchmark
    public String resilience4j() {
        return resilience4j.get();
    }

    @Benchmark
    public String failsafe() {
        return failsafe.get(checkedCallee);
    }
}
