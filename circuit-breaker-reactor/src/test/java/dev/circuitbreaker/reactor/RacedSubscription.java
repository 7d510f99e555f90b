package dev.circuitbreaker.reactor;

import dev.circuitbreaker.CircuitBreaker;
import dev.circuitbreaker.CircuitBreakerConfig;
import dev.circuitbreaker.CircuitBreakerStats;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One guarded subscription in HALF_OPEN with one trial permit and a bulkhead of one, whose deciding signals (the
 * source finishing, the subscriber cancelling, the call timeout firing) the Lincheck tests run on racing threads.
 * {@link #check()} states what must hold after any interleaving: at most one outcome, matching what the subscriber
 * saw; the bulkhead place held exactly while no outcome is counted; never two signals at once nor two terminal
 * signals downstream.
 */
final class RacedSubscription {

    private final CircuitBreaker cb = CircuitBreaker.of("lincheck", CircuitBreakerConfig.builder()
            .permittedCallsInHalfOpenState(1).maxConcurrentCalls(1).callTimeout(Duration.ofHours(1))
            .historySize(0).build()); // no history: its loops would only lengthen the traces
    private final PermitRaceTest.ManualTimer timer = new PermitRaceTest.ManualTimer();
    private final PermitRaceTest.ManualSource source = new PermitRaceTest.ManualSource();
    private final PermitRaceTest.RecordingSubscriber downstream = new PermitRaceTest.RecordingSubscriber();
    private final AtomicBoolean finished = new AtomicBoolean();
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final boolean mono;

    RacedSubscription(boolean mono) {
        this.mono = mono;
        cb.transitionToHalfOpen();
        CircuitBreakerOperator<Integer> op = CircuitBreakerOperator.of(cb, timer);
        if (mono) {
            Mono.fromDirect(source).transform(op).subscribe(downstream);
        } else {
            Flux.from(source).transform(op).subscribe(downstream);
        }
    }

    /** Runs Lincheck's model checker on {@code test}: three threads with one operation each. */
    static void modelCheck(Class<?> test) {
        new ModelCheckingOptions()
                .actorsBefore(0)
                .threads(3)
                .actorsPerThread(1)
                .actorsAfter(0)
                .iterations(10)
                .invocationsPerIteration(300)
                .check(test);
    }

    /** The source emits its value and completes (once: a second call does nothing, as a source would). */
    void finish() {
        if (finished.compareAndSet(false, true)) {
            source.finish();
        }
    }

    void cancel() {
        if (cancelled.compareAndSet(false, true)) {
            downstream.subscription.cancel();
        }
    }

    void fireTimer() {
        timer.fire();
    }

    void check() {
        CircuitBreakerStats stats = cb.stats();
        boolean completed = downstream.completions.get() == 1;
        boolean timedOut = !downstream.errors.isEmpty();
        require(stats.totalCalls() <= 1, "more than one outcome: " + stats);
        require(stats.concurrentCalls() == 1 - stats.totalCalls(), "bulkhead place not held exactly until the outcome: " + stats);
        require(downstream.overlaps.get() == 0, "two signals at once");
        require(downstream.terminals.get() <= 1, "two terminal signals");
        require(stats.successfulCalls() == (completed ? 1 : 0), "successes " + stats.successfulCalls() + ", completed " + completed);
        require(stats.failedCalls() == (timedOut ? 1 : 0), "failures " + stats.failedCalls() + ", timed out " + timedOut);
        require(!timedOut || downstream.errors.get(0) instanceof TimeoutException, "not a timeout: " + downstream.errors);
        require(!timedOut || source.cancelled, "a timed-out source was not cancelled");
        require(!mono || completed || downstream.values.get() == 0, "a Mono's value went down without its success");
        require(!cancelled.get() || stats.totalCalls() == 1, "a cancellation left the call without outcome");
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalStateException(problem);
        }
    }
}
