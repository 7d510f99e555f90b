package dev.circuitbreaker.concurrency;

import dev.circuitbreaker.CircuitBreaker;
import dev.circuitbreaker.CircuitBreakerConfig;
import dev.circuitbreaker.CircuitState;
import dev.circuitbreaker.FakeTicker;
import dev.circuitbreaker.SlidingWindowType;
import dev.circuitbreaker.TestScale;
import java.time.Duration;
import org.jetbrains.kotlinx.lincheck.paramgen.IntGen;
import org.jetbrains.kotlinx.lincheck.paramgen.ThreadIdGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.junit.jupiter.api.Test;

/**
 * Lincheck: a CLOSED breaker with a TIME_BASED window trips under concurrent calls exactly as some sequential order
 * of the same calls would trip it, although plain successes are added to the window without its lock (one
 * compare-and-set on the newest second's bucket) while failures, slow successes and rotations to a new second take
 * it. The count rule (2 failures), a 50 % rate rule from 3 calls, and a 2-second window whose seconds the test
 * advances, so rotations race with lock-free successes.
 */
@Param(name = "outcome", gen = IntGen.class, conf = "0:2")
@Param(name = "caller", gen = ThreadIdGen.class)
public class TimeWindowTripLincheckTest {

    static final CircuitBreakerConfig CONFIG = CircuitBreakerConfig.builder()
            .slidingWindow(SlidingWindowType.TIME_BASED, 2)
            .failureThreshold(2)
            .failureRateThreshold(50)
            .minimumNumberOfCalls(3)
            .waitDurationInOpenState(Duration.ofMinutes(1))
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
    public void nextSecond() {
        ticker.advance(Duration.ofSeconds(1));
    }

    @Test
    void concurrentCallsTripATimeWindowAsSomeSequentialOrderWould() {
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
