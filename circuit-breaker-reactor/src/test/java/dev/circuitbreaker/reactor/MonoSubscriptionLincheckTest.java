package dev.circuitbreaker.reactor;

import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Validate;
import org.junit.jupiter.api.Test;

/**
 * Lincheck's model checker on one guarded subscription to a Mono, whose value is its success: the finishing source, the
 * cancelling subscriber and the firing timeout race on three threads, switched at every shared read and write; see
 * {@link RacedSubscription#check()} for what must hold after each interleaving. The barrier-driven
 * {@link PermitRaceTest} makes collisions likely; this explores the interleavings on purpose.
 */
public class MonoSubscriptionLincheckTest {

    private final RacedSubscription subscription = new RacedSubscription(true);

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
    void aMonosValueCancellationAndTimeoutDecideExactlyOnce() {
        RacedSubscription.modelCheck(getClass());
    }
}
