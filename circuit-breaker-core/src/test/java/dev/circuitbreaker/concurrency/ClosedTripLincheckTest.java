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
 * Lincheck: a CLOSED breaker trips under concurrent failures exactly as some sequential order of the same calls
 * would trip it. Permits are held across operations (async calls), so a call admitted in CLOSED and reported after
 * the trip is a stale report in the sequential run too. The count rule (2 failures in a window of 3) and a 50 %
 * rate rule both apply; advancing the clock past the open wait lets the next call in as a trial.
 */
@Param(name = "outcome", gen = IntGen.class, conf = "0:2")
@Param(name = "caller", gen = ThreadIdGen.class)
public class ClosedTripLincheckTest {

    static final CircuitBreakerConfig CONFIG = CircuitBreakerConfig.builder()
            .failureThreshold(2)
            .slidingWindowSize(3)
            .failureRateThreshold(50)
            .minimumNumberOfCalls(2)
            .waitDurationInOpenState(Duration.ofSeconds(5))
            .successThreshold(1)
            .permittedCallsInHalfOpenState(1)
            .ignoreExceptions(HeldCalls.IgnoredException.class)
            .historySize(0)
            .build();

    private final FakeTicker ticker = new FakeTicker();
    private final CircuitBreaker breaker = CircuitBreaker.builder("lincheck").config(CONFIG).ticker(ticker).build();
    private final HeldCalls calls = new HeldCalls(breaker, 5);

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
    public int bufferedCalls() {
        return breaker.stats().bufferedCalls();
    }

    @Operation
    public void waitOutTheOpenState() {
        ticker.advance(Duration.ofSeconds(5));
    }

    @Test
    void concurrentFailuresTripAClosedBreakerAsSomeSequentialOrderWould() {
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
