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
 * A permitted call in a healthy CLOSED breaker, on one thread. {@link ClosedSuccessTwoThreads} runs the same
 * subjects on two threads sharing every breaker (and the floor's counters).
 *
 * <p>{@code core} and {@code floor}, whose ratio is a target, run in 6 forks of 3 one-second iterations rather than
 * 2 forks of 5: on this VM the score of the same code moves by up to +-15 % from one fork to the next (the clock
 * read's cost and the JIT's choices differ per JVM), far more than between iterations of one fork, so more forks
 * narrow the ratio where more iterations would not.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(2)
@Threads(1)
@State(Scope.Benchmark)
public class ClosedSuccess {

    private final Callee.Payload payload = new Callee.Payload();
    private Supplier<String> callee;
    private CheckedSupplier<String> checkedCallee;
    private Floor floor;
    private CircuitBreaker core;
    private CircuitBreaker coreNoDuration;
    private Supplier<String> resilience4j;
    private FailsafeExecutor<String> failsafe;

    @Setup
    public void setUp() {
        callee = Callee.succeeding(payload);
        checkedCallee = callee::get;
        floor = new Floor();
        core = Subjects.core();
        coreNoDuration = Subjects.coreNoDuration();
        resilience4j = io.github.resilience4j.circuitbreaker.CircuitBreaker.decorateSupplier(Subjects.resilience4j(), callee);
        failsafe = Subjects.failsafe();
    }

    @Benchmark
    public String direct() {
        return callee.get();
    }

    @Benchmark
    @Fork(6)
    public String floor() {
        return floor.get(callee);
    }

    @Benchmark
    @Fork(6)
    public String core() {
        return core.get(callee);
    }

    @Benchmark
    public String coreNoDuration() {
        return coreNoDuration.get(callee);
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
