package dev.circuitbreaker.concurrency;

import dev.circuitbreaker.CircuitBreaker;
import dev.circuitbreaker.CircuitBreakerConfig;
import dev.circuitbreaker.CircuitState;
import dev.circuitbreaker.FakeTicker;
import dev.circuitbreaker.TestScale;
import java.time.Duration;
import org.jetbrains.kotlinx.lincheck.paramgen.IntGen;
import org.jetbrains.kotlinx.lincheck.paramgen.ThreadIdGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.junit.jupiter.api.Test;

/**
 * Lincheck: trial permits that expire. One permit, a 10 s {@code maxWaitDurationInHalfOpenState}, and a clock that
 * any thread may move 5 s forward: admission of a new trial once the held one expired, and the late report of an
 * expired trial deciding nothing, must be linearizable together with the clock moves.
 */
@Param(name = "outcome", gen = IntGen.class, conf = "0:2")
@Param(name = "caller", gen = ThreadIdGen.class)
public class TrialExpiryLincheckTest {

    static final CircuitBreakerConfig CONFIG = CircuitBreakerConfig.builder()
            .successThreshold(2)
            .permittedCallsInHalfOpenState(1)
            .maxWaitDurationInHalfOpenState(Duration.ofSeconds(10))
            .ignoreExceptions(HeldCalls.IgnoredException.class)
            .historySize(0)
            .build();

    private final FakeTicker ticker = new FakeTicker();
    private final CircuitBreaker breaker = CircuitBreaker.builder("lincheck").config(CONFIG).ticker(ticker).build();
    private final HeldCalls calls = new HeldCalls(breaker, 5);

    public TrialExpiryLincheckTest() {
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
    public void advanceFiveSeconds() {
        ticker.advance(Duration.ofSeconds(5));
    }

    @Test
    void expiringTrialPermitsAreLinearizableWithTheClock() {
        new ModelCheckingOptions()
                .actorsBefore(0)
                .threads(3)
                .actorsPerThread(3)
                .actorsAfter(2)
                .iterations(5 * TestScale.factor())
                .invocationsPerIteration(200)
                .check(getClass());
    }
}
