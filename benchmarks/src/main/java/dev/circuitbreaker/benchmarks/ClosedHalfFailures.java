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

/**
 * CLOSED, every other call failing, under thresholds that 50 % failures never reach: every outcome changes the
 * window, so this is the recording path, not the steady-success shortcut. One thread.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@Threads(1)
@State(Scope.Thread)
public class ClosedHalfFailures {

    private int calls;
    private Supplier<String> callee;
    private CheckedSupplier<String> checkedCallee;
    private CircuitBreaker core;
    private CircuitBreaker coreNoDuration;
    private Supplier<String> resilience4j;
    private FailsafeExecutor<String> failsafe;

    @Setup
    public void setUp() {
        callee = () -> {
            if ((++calls & 1) == 0) {
                throw Callee.FAILURE;
            }
            return "ok";
        };
        checkedCallee = callee::get;
        core = Subjects.coreHighThreshold(100);
        coreNoDuration = Subjects.coreHighThreshold(0);
        resilience4j = io.github.resilience4j.circuitbreaker.CircuitBreaker.decorateSupplier(
                Subjects.resilience4jHighThreshold(), callee);
        failsafe = Subjects.failsafeHighThreshold();
    }

    @Benchmark
    public Object direct() {
        try {
            return callee.get();
        } catch (Callee.CalleeFailure e) {
            return e;
        }
    }

    @Benchmark
    public Object core() {
        try {
            return core.get(callee);
        } catch (Callee.CalleeFailure e) {
            return e;
        }
    }

    @Benchmark
    public Object coreNoDuration() {
        try {
            return coreNoDuration.get(callee);
        } catch (Callee.CalleeFailure e) {
            return e;
        }
    }

    @Benchmark
    public Object resilience4j() {
        try {
            return resilience4j.get();
        } catch (Callee.CalleeFailure e) {
            return e;
        }
    }

    @Benchmark
    public Object failsafe() {
        try {
            return failsafe.get(checkedCallee);
        } catch (Callee.CalleeFailure e) {
            return e;
        }
    }
}
