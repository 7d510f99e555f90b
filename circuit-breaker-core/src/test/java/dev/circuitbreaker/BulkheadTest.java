package dev.circuitbreaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The bulkhead ({@code maxConcurrentCalls}): places held from permit to outcome, rejections that are not failures. */
class BulkheadTest {

    final FakeTicker ticker = new FakeTicker();

    CircuitBreaker breaker(int maxConcurrentCalls, CircuitBreakerConfigBuilder config) {
        return CircuitBreaker.builder("payments").ticker(ticker)
                .config(config.maxConcurrentCalls(maxConcurrentCalls).build()).build();
    }

    @Test
    void oneMoreCallThanTheLimitIsRejectedAtOnceWithoutRunningAndIsNoFailure() {
        CircuitBreaker cb = breaker(2, CircuitBreakerConfig.builder().failureThreshold(1));
        CompletableFuture<String> first = new CompletableFuture<>();
        CompletableFuture<String> second = new CompletableFuture<>();
        cb.callAsync(() -> first);
        cb.callAsync(() -> second);
        assertThat(cb.stats().concurrentCalls()).isEqualTo(2);

        AtomicBoolean ran = new AtomicBoolean();
        Throwable rejected = catchThrowable(() -> cb.run(() -> ran.set(true)));

        assertThat(rejected).isInstanceOf(BulkheadFullException.class).isInstanceOf(CallNotPermittedException.class);
        assertThat(((BulkheadFullException) rejected).breakerName()).isEqualTo("payments");
        assertThat(((BulkheadFullException) rejected).maxConcurrentCalls()).isEqualTo(2);
        assertThat(rejected.getStackTrace()).isEmpty();
        assertThat(rejected.getMessage()).contains("payments").contains("2");
        assertThat(ran).isFalse();
        CircuitBreakerStats stats = cb.stats();
        assertThat(stats.bulkheadFullCalls()).isEqualTo(1);
        assertThat(stats.failedCalls()).isZero();
        assertThat(stats.notPermittedCalls()).isZero();
        assertThat(stats.totalCalls()).isEqualTo(1);
        assertThat(cb.state()).as("a full bulkhead never trips the breaker").isEqualTo(CircuitState.CLOSED);

        first.complete("paid");
        assertThat(cb.stats().concurrentCalls()).isEqualTo(1);
        assertThat(cb.get(() -> "admitted")).isEqualTo("admitted");
    }

    @Test
    void syncCallsHoldTheirPlaceUntilTheyReturnOrThrow() {
        CircuitBreaker cb = breaker(1, CircuitBreakerConfig.builder());
        Throwable inner = catchThrowable(() -> cb.run(() -> cb.run(() -> { })));
        assertThat(inner).isInstanceOf(BulkheadFullException.class);
        assertThat(cb.stats().concurrentCalls()).isZero();
        Calls.fail(cb, new IOException("down"));
        assertThat(cb.stats().concurrentCalls()).isZero();
        assertThat(cb.get(() -> "free again")).isEqualTo("free again");
    }

    @Test
    void anAsyncRejectionIsAFailedStageAndCancellationGivesThePlaceBack() {
        CircuitBreaker cb = breaker(1, CircuitBreakerConfig.builder());
        CompletableFuture<String> held = cb.callAsync(CompletableFuture::new);

        CompletableFuture<String> rejected = cb.callAsync(() -> CompletableFuture.completedFuture("never"));
        assertThat(rejected).failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(BulkheadFullException.class);

        held.cancel(true);
        assertThat(cb.stats().concurrentCalls()).isZero();
        assertThat(cb.stats().ignoredCalls()).isEqualTo(1);
        assertThat(cb.callAsync(() -> CompletableFuture.completedFuture("paid"))).isCompletedWithValue("paid");
    }

    @Test
    void aPermitHoldsItsPlaceUntilItsFirstReport() {
        CircuitBreaker cb = breaker(1, CircuitBreakerConfig.builder());
        CallPermit permit = cb.acquirePermit();
        assertThat(catchThrowable(cb::acquirePermit)).isInstanceOf(BulkheadFullException.class);
        permit.onSuccess();
        permit.onSuccess();
        permit.onCancel();
        assertThat(cb.stats().concurrentCalls()).isZero();
        assertThat(cb.stats().successfulCalls()).isEqualTo(1);
        cb.acquirePermit().onCancel();
        assertThat(cb.stats().ignoredCalls()).isEqualTo(1);
    }

    /** A call the bulkhead rejects in HALF_OPEN gives back the trial permit it was handed first. */
    @Test
    void aBulkheadRejectionInHalfOpenFreesTheTrialPermit() {
        CircuitBreaker cb = breaker(1, CircuitBreakerConfig.builder().successThreshold(1).permittedCallsInHalfOpenState(1));
        CompletableFuture<String> running = new CompletableFuture<>();
        cb.callAsync(() -> running); // admitted in CLOSED, still running
        cb.transitionToHalfOpen();

        assertThat(catchThrowable(() -> cb.run(() -> { }))).isInstanceOf(BulkheadFullException.class);
        running.complete("late"); // a CLOSED-period report: decides nothing in HALF_OPEN

        assertThat(cb.get(() -> "trial")).isEqualTo("trial");
        assertThat(cb.state()).isEqualTo(CircuitState.CLOSED);
    }

    @Test
    void offCostsNothingAndCountsNothing() {
        CircuitBreaker cb = breaker(0, CircuitBreakerConfig.builder());
        for (int i = 0; i < 100; i++) {
            cb.callAsync(CompletableFuture::new);
        }
        assertThat(cb.stats().concurrentCalls()).isZero();
        assertThat(cb.stats().bulkheadFullCalls()).isZero();
    }
}
