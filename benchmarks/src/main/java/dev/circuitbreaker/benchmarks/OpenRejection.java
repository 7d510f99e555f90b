package dev.circuitbreaker.benchmarks;

import dev.circuitbreaker.CircuitBreaker;
import dev.circuitbreaker.CircuitBreakerOpenException;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.function.CheckedSupplier;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
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

/** An OPEN breaker rejecting a call (the callee never runs), caught by the caller. One thread. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@Threads(1)
@State(Scope.Benchmark)
public class OpenRejection {

    private final Callee.Payload payload = new Callee.Payload();
    private Supplier<String> callee;
    private CheckedSupplier<String> checkedCallee;
    private CircuitBreaker core;
    private Supplier<String> resilience4j;
    private Supplier<String> resilience4jNoStackTrace;
    private FailsafeExecutor<String> failsafe;

    @Setup
    public void setUp() {
        callee = Callee.succeeding(payload);
        checkedCallee = callee::get;
        core = Subjects.coreOpen();
        resilience4j = io.github.resilience4j.circuitbreaker.CircuitBreaker.decorateSupplier(
                Subjects.resilience4jOpen(true), callee);
        resilience4jNoStackTrace = io.github.resilience4j.circuitbreaker.CircuitBreaker.decorateSupplier(
                Subjects.resilience4jOpen(false), callee);
        failsafe = Subjects.failsafeOpen();
    }

    /** Not a breaker: one {@link System#nanoTime()} read, what a rejection that checks the open wait must pay. */
    @Benchmark
    public long nanoTime() {
        return System.nanoTime();
    }

    @Benchmark
    public Object core() {
        try {
            return core.get(callee);
        } catch (CircuitBreakerOpenException e) {
            return e;
        }
    }

    @Benchmark
    public Object resilience4j() {
        try {
            return resilience4j.get();
        } catch (CallNotPermittedException e) {
            return e;
        }
    }

    @Benchmark
    public Object resilience4jNoStackTrace() {
        try {
            return resilience4jNoStackTrace.get();
        } catch (CallNotPermittedException e) {
            return e;
        }
    }

    @Benchmark
    public Object failsafe() {
        try {
            return failsafe.get(checkedCallee);
        } catch (dev.failsafe.CircuitBreakerOpenException e) {
            return e;
        }
    }
}
