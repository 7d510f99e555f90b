package dev.circuitbreaker.concurrency;

import dev.circuitbreaker.CircuitBreaker;
import dev.circuitbreaker.CircuitBreakerConfig;
import dev.circuitbreaker.CircuitState;
import dev.circuitbreaker.FakeTicker;
import dev.circuitbreaker.TestScale;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.jetbrains.kotlinx.lincheck.paramgen.IntGen;
import org.jetbrains.kotlinx.lincheck.paramgen.ThreadIdGen;
import org.junit.jupiter.api.Test;

/**
 * Lincheck: trial admission and the HALF_OPEN decisions are linearizable. Three callers each hold at most one
 * asynchronous trial (a slot per Lincheck thread, so the harness' own state is thread-confined) against two permits;
 * any interleaving of starting trials, reporting success / recorded failure / ignored, reading the state and manual
 * transitions must match some sequential run. A third concurrent trial admitted, a lost decision, or a stale report
 * deciding a later state would each show up as a non-linearizable result.
 */
@Param(name = "outcome", gen = IntGen.class, conf = "0:2")
@Param(name = "caller", gen = ThreadIdGen.class)
public class HalfOpenTrialsLincheckTest {

    static final CircuitBreakerConfig CONFIG = CircuitBreakerConfig.builder()
            .failureThreshold(2)
            .slidingWindowSize(4)
            .successThreshold(2)
            .permittedCallsInHalfOpenState(2)
            .ignoreExceptions(HeldCalls.IgnoredException.class)
            .historySize(0)
            .build();

    private final CircuitBreaker breaker = CircuitBreaker.builder("lincheck").config(CONFIG).ticker(new FakeTicker()).build();
    private final HeldCalls calls = new HeldCalls(breaker, 5);

    public HalfOpenTrialsLincheckTest() {
        breaker.transitionToHalfOpen();
    }

    @Operation
    public String start(@Param(name = "caller") int caller) {
        return calls.start(caller);
    }

    @Operation
    public String finish(@Param(name = "caller") int caller, @Param(name = "outcome") int outcome) {
        return calls.finish(caller, outcome);
    }

    @Operation
    public CircuitState state() {
        return breaker.state();
    }

    @Operation
    public void transitionToHalfOpen() {
        breaker.transitionToHalfOpen();
    }

    @Operation
    public void transitionToOpen() {
        breaker.transitionToOpen();
    }

    @Test
    void trialAdmissionAndHalfOpenDecisionsAreLinearizable() {
        new ModelCheckingOptions()
                .actorsBefore(0)
                .threads(3)
                .actorsPerThread(3)
                .actorsAfter(2)
                .iterations(8 * TestScale.factor())
                .invocationsPerIteration(200)
                .check(getClass());
    }

    @Test
    void trialAdmissionAndHalfOpenDecisionsAreLinearizableOnRealThreads() {
        new StressOptions()
                .actorsBefore(0)
                .threads(3)
                .actorsPerThread(3)
                .actorsAfter(2)
                .iterations(20 * TestScale.factor())
                .invocationsPerIteration(2_000)
                .check(getClass());
    }
}
