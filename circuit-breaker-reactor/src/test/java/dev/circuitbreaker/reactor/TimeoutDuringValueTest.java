package dev.circuitbreaker.reactor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.circuitbreaker.CircuitBreaker;
import dev.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import reactor.test.publisher.TestPublisher;

/**
 * A timeout that fires while a Flux's value is going downstream must not signal at the same time: it is recorded and
 * cancels the source at once, and its error follows the value on the thread that delivered the value. Forced here
 * with latches, so the interleaving happens every time (the race test only makes it likely).
 */
class TimeoutDuringValueTest {

    final CircuitBreaker cb = CircuitBreaker.of("timed", CircuitBreakerConfig.builder().callTimeout(Duration.ofHours(1)).build());
    final PermitRaceTest.ManualTimer timer = new PermitRaceTest.ManualTimer();
    final PermitRaceTest.RecordingSubscriber downstream = new PermitRaceTest.RecordingSubscriber();

    @Test
    void aTimeoutFiredOnAnotherThreadDuringOnNextIsDeliveredAfterTheValueByTheValuesThread() throws Exception {
        TestPublisher<Integer> source = TestPublisher.create();
        CountDownLatch inOnNext = new CountDownLatch(1);
        CountDownLatch timerFired = new CountDownLatch(1);
        AtomicReference<Long> failuresSeenInOnNext = new AtomicReference<>();
        downstream.duringOnNext = () -> {
            inOnNext.countDown();
            await(timerFired);
            failuresSeenInOnNext.set(cb.stats().failedCalls());
        };
        source.flux().transform(CircuitBreakerOperator.of(cb, timer)).subscribe(downstream);
        Thread timerThread = new Thread(() -> {
            await(inOnNext);
            timer.fire();
            timerFired.countDown();
        });
        timerThread.start();
        source.next(1);
        timerThread.join(TimeUnit.SECONDS.toMillis(10));

        assertThat(failuresSeenInOnNext).hasValue(1L);           // recorded at once, on the timer's thread
        assertThat(downstream.overlaps).hasValue(0);
        assertThat(downstream.values).hasValue(1);
        assertThat(downstream.errors).singleElement().isInstanceOf(TimeoutException.class);
        source.assertCancelled();
        source.next(2);                                          // late values are dropped
        assertThat(downstream.values).hasValue(1);
        assertThat(cb.stats().totalCalls()).isEqualTo(1);
    }

    @Test
    void aTimeoutFiredFromInsideOnNextWaitsUntilTheValueIsThrough() {
        TestPublisher<Integer> source = TestPublisher.create();
        AtomicReference<Integer> errorsInOnNext = new AtomicReference<>();
        downstream.duringOnNext = () -> {
            timer.fire();
            errorsInOnNext.set(downstream.errors.size());
        };
        source.flux().transform(CircuitBreakerOperator.of(cb, timer)).subscribe(downstream);
        source.next(1);
        assertThat(errorsInOnNext).hasValue(0);
        assertThat(downstream.errors).singleElement().isInstanceOf(TimeoutException.class);
        assertThat(cb.stats().failedCalls()).isEqualTo(1);
    }

    @Test
    void aCancellationFromInsideOnNextIsCountedOnceAndNothingFollows() {
        TestPublisher<Integer> source = TestPublisher.create();
        downstream.duringOnNext = () -> downstream.subscription.cancel();
        source.flux().transform(CircuitBreakerOperator.of(cb, timer)).subscribe(downstream);
        source.next(1);
        timer.fire();
        assertThat(downstream.terminals).hasValue(0);
        assertThat(cb.stats().ignoredCalls()).isEqualTo(1);
        assertThat(cb.stats().totalCalls()).isEqualTo(1);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("latch not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
