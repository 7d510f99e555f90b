package dev.circuitbreaker.concurrency;

import dev.circuitbreaker.CircuitBreaker;
import dev.circuitbreaker.CircuitBreakerRegistry;
import dev.circuitbreaker.CircuitState;
import dev.circuitbreaker.FakeTicker;
import dev.circuitbreaker.TestScale;
import org.jetbrains.kotlinx.lincheck.paramgen.IntGen;
import org.jetbrains.kotlinx.lincheck.paramgen.ThreadIdGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.junit.jupiter.api.Test;

/**
 * Lincheck: two members of one circuit group, in HALF_OPEN with two shared permits. Callers 1 and 3 call through
 * member "a", callers 2 and 4 through member "b"; admission, decisions and each member's view of the state must be
 * linearizable: the group behaves as one breaker whichever member a trial goes through.
 */
@Param(name = "outcome", gen = IntGen.class, conf = "0:2")
@Param(name = "caller", gen = ThreadIdGen.class)
public class GroupTrialsLincheckTest {

    private final CircuitBreaker a;
    private final CircuitBreaker b;
    private final HeldCalls calls;

    public GroupTrialsLincheckTest() {
        CircuitBreakerRegistry registry = CircuitBreakerRegistry.builder().ticker(new FakeTicker()).build();
        a = registry.circuitBreaker("a", HalfOpenTrialsLincheckTest.CONFIG.toBuilder().group("g").build());
        b = registry.circuitBreaker("b", HalfOpenTrialsLincheckTest.CONFIG.toBuilder().group("g").build());
        calls = new HeldCalls(b, a, b, a, b);
        a.transitionToHalfOpen();
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
    public CircuitState stateOfA() {
        return a.state();
    }

    @Operation
    public CircuitState stateOfB() {
        return b.state();
    }

    @Operation
    public void transitionBToOpen() {
        b.transitionToOpen();
    }

    @Operation
    public void transitionAToHalfOpen() {
        a.transitionToHalfOpen();
    }

    @Test
    void trialsThroughTwoMembersOfAGroupAreLinearizableAsOneBreaker() {
        new ModelCheckingOptions()
                .actorsBefore(0)
                .threads(3)
                .actorsPerThread(3)
                .actorsAfter(2)
                .iterations(4 * TestScale.factor())
                .invocationsPerIteration(200)
                .check(getClass());
    }
}
