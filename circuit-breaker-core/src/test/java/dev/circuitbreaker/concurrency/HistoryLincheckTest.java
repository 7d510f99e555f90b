package dev.circuitbreaker.concurrency;

import dev.circuitbreaker.CallResult;
import dev.circuitbreaker.CircuitBreaker;
import dev.circuitbreaker.CircuitBreakerConfig;
import dev.circuitbreaker.FakeTicker;
import dev.circuitbreaker.TestScale;
import java.util.List;
import org.jetbrains.kotlinx.lincheck.paramgen.IntGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.junit.jupiter.api.Test;

/**
 * Lincheck (issue 11, defect 4): {@code history()} is exactly the last {@code historySize} completed calls in the
 * order they were recorded, as some sequential order of the same calls would leave it, whatever the interleaving.
 * (A call is recorded when it claims its entry; {@code history()} waits for entries claimed but not yet written.)
 * Under a ticker that never moves, the striped history this replaced listed one ring's calls before another's.
 * The counters are not part of this check: like a {@code LongAdder}'s sum, they are exact once the calls counted
 * have returned, not linearizable with calls in flight.
 */
@Param(name = "outcome", gen = IntGen.class, conf = "0:2")
public class HistoryLincheckTest {

    private final CircuitBreaker breaker = CircuitBreaker.builder("history").ticker(new FakeTicker())
            .config(CircuitBreakerConfig.builder().historySize(3).ignoreExceptions(Ignored.class)
                    .build()).build();

    /** Ignored, and without a message: the history's message masking (regular expressions) stays out of the model. */
    static final class Ignored extends RuntimeException {
        Ignored() {
            super(null, null, false, false);
        }
    }

    public HistoryLincheckTest() {
        breaker.disable(); // every call is counted and listed, nothing is decided
    }

    /** A call that succeeds (0), fails (1) or throws an ignored exception (2); exceptions without messages. */
    @Operation
    public void call(@Param(name = "outcome") int outcome) {
        try {
            breaker.run(() -> {
                if (outcome == 1) {
                    throw new IllegalStateException();
                }
                if (outcome == 2) {
                    throw new Ignored();
                }
            });
        } catch (RuntimeException expected) {
            // the outcome is what the history keeps
        }
    }

    @Operation
    public List<CallResult.Outcome> history() {
        return breaker.history().stream().map(CallResult::outcome).toList();
    }

    @Test
    void theHistoryIsExactlyTheLastCallsInCompletionOrder() {
        new ModelCheckingOptions()
                .actorsBefore(0)
                .threads(2)
                .actorsPerThread(2)
                .actorsAfter(1)
                .iterations(5 * TestScale.factor())
                .invocationsPerIteration(100)
                .check(getClass());
    }
}
