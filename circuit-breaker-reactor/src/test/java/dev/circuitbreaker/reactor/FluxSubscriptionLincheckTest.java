package dev.circuitbreaker.reactor;

import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Validate;
import org.junit.jupiter.api.Test;

/**
 * Lincheck's model checker on one guarded subscription to a Flux, whose completion is its success (a timeout during its value waits for the value to get through): the finishing source, the
 * cancelling subscriber and the firing timeout race on three threads, switched at every shared read and write; see
 * {@link RacedSubscription#check()} for what must hold after each interleaving. The barrier-driven
 * {@link PermitRaceTest} makes collisions likely; this explores the interleavings on purpose.
 */
public class FluxSubscriptionLincheckTest {

    private final RacedSubscription subscription = new RacedSubscription(false);

    @Operation
    public void finish() {
        subscription.finish();
    }

    @Operation
    public void cancel() {
        subscription.cancel();
    }

    @Operation
    public void fireTimer() {
        subscription.fireTimer();
    }

    @Validate
    public void check() {
        subscription.check();
    }

    @Test
    void aFluxsValueAndCompletionCancellationAndTimeoutDecideExactlyOnce() {
        RacedSubscription.modelCheck(getClass());
    }
}
