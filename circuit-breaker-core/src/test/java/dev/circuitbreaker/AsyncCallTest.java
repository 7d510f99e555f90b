package dev.circuitbreaker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class AsyncCallTest {

    final FakeTicker ticker = new FakeTicker();
    final CircuitBreaker cb = CircuitBreaker.builder("async").ticker(ticker)
            .config(CircuitBreakerConfig.builder().failureThreshold(1).recordExceptions(IOException.class).build()).build();

    @Test
    void theOutcomeIsRecordedWhenTheStageCompletesWithItsDuration() {
        CompletableFuture<String> downstream = new CompletableFuture<>();
        CompletableFuture<String> result = cb.callAsync(() -> downstream);
        ticker.advanceMillis(40);
        assertThat(cb.stats().totalCalls()).isZero();
        downstream.complete("paid");
        assertThat(result).isCompletedWithValue("paid");
        assertThat(cb.stats().successfulCalls()).isEqualTo(1);
        assertThat(cb.history().get(0).responseTimeMs()).isEqualTo(40.0);
    }

    @Test
    void aCompletionExceptionIsUnwrappedBeforeClassificationAndPassedOnUnchanged() {
        IOException cause = new IOException("down");
        CompletableFuture<String> downstream = new CompletableFuture<>();
        CompletableFuture<String> result = cb.callAsync(() -> downstream);
        downstream.completeExceptionally(new CompletionException(cause));
        assertThat(cb.state()).isEqualTo(CircuitState.OPEN);
        assertThat(result).failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class).withCause(cause);
    }

    @Test
    void aRejectionComesBackAsAFailedStageWithoutCallingTheSupplier() {
        cb.forceOpen();
        AtomicBoolean called = new AtomicBoolean();
        CompletableFuture<String> result = cb.callAsync(() -> {
            called.set(true);
            return CompletableFuture.completedFuture("x");
        });
        assertThat(called).isFalse();
        assertThat(result).failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(CircuitBreakerOpenException.class);
        assertThat(cb.stats().notPermittedCalls()).isEqualTo(1);
    }

    @Test
    void anExceptionThrownByTheSupplierItselfComesBackAsAFailedStageAndIsRecorded() {
        IOException error = new IOException("could not even start");
        CompletableFuture<String> result = cb.callAsync(() -> {
            throw new java.io.UncheckedIOException(error);
        });
        assertThat(result).isCompletedExceptionally();
        assertThat(cb.stats().successfulCalls()).as("UncheckedIOException is not a recorded type").isEqualTo(1);
        CompletableFuture<String> nullStage = cb.callAsync(() -> null);
        assertThat(nullStage).failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(NullPointerException.class);
    }

    @Test
    void cancellingTheReturnedFutureFreesTheTrialPermitCountsAsIgnoredAndCancelsTheDownstream() {
        cb.transitionToHalfOpen();
        CompletableFuture<String> downstream = new CompletableFuture<>();
        CompletableFuture<String> first = cb.callAsync(() -> downstream);
        cb.callAsync(CompletableFuture::new);
        assertThat(cb.callAsync(() -> CompletableFuture.completedFuture("x"))).isCompletedExceptionally();
        first.cancel(true);
        assertThat(downstream).isCancelled();
        assertThat(cb.stats().ignoredCalls()).isEqualTo(1);
        assertThat(cb.callAsync(() -> CompletableFuture.completedFuture("x"))).isCompletedWithValue("x");
    }

    @Test
    void aDownstreamCancellationCountsAsIgnoredAndReachesTheCaller() {
        CompletableFuture<String> downstream = new CompletableFuture<>();
        CompletableFuture<String> result = cb.callAsync(() -> downstream);
        downstream.cancel(false);
        assertThat(cb.stats().ignoredCalls()).isEqualTo(1);
        assertThat(cb.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(result).failsWithin(Duration.ZERO).withThrowableOfType(CancellationException.class);
    }
}
