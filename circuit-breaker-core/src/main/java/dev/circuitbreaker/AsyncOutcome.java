package dev.circuitbreaker;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeoutException;

/**
 * Ties an asynchronous call's stage to the one report its permit expects: the stage's completion, the call
 * timeout, or the caller cancelling the returned future, whichever comes first. The outcome is always recorded
 * before the returned future completes, and the returned future always completes, whatever user code on the way
 * throws. Thread-safe; one instance per call.
 */
final class AsyncOutcome<T> {

    private final TrackedCall call;
    private final CompletionStage<T> stage;
    private final CompletableFuture<T> result = new CompletableFuture<>();
    private volatile ScheduledFuture<?> timer;

    private AsyncOutcome(TrackedCall call, CompletionStage<T> stage) {
        this.call = call;
        this.stage = stage;
    }

    /**
     * Returns a future completed exactly as {@code stage} is, or with a {@link TimeoutException} if the call's
     * timeout passes first (then the stage is cancelled). Cancelling the returned future reports a cancellation and
     * cancels the stage when it can be.
     */
    static <T> CompletableFuture<T> track(TrackedCall call, CompletionStage<T> stage, String breakerName) {
        AsyncOutcome<T> outcome = new AsyncOutcome<>(call, stage);
        long timeoutNanos = call.settings().callTimeoutNanos;
        if (timeoutNanos > 0) {
            outcome.timer = Timeouts.schedule(timeoutNanos, () -> outcome.timedOut(breakerName, timeoutNanos));
        }
        stage.whenComplete(outcome::stageCompleted);
        outcome.result.whenComplete((value, error) -> {
            if (outcome.result.isCancelled() && call.report(TrackedCall.CANCELLED, true)) {
                outcome.stopTimer();
                cancel(stage);
            }
        });
        return outcome.result;
    }

    private void stageCompleted(T value, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        boolean counted = false;
        try {
            counted = call.report(cause, cause instanceof CancellationException);
        } finally {
            if (counted) {
                stopTimer();
                if (error == null) {
                    result.complete(value);
                } else {
                    result.completeExceptionally(error);
                }
            }
        }
    }

    private void timedOut(String breakerName, long timeoutNanos) {
        TimeoutException timeout = new TimeoutException("the call of circuit breaker '" + breakerName
                + "' did not complete within its callTimeout of " + java.time.Duration.ofNanos(timeoutNanos));
        boolean counted = false;
        try {
            counted = call.report(timeout, false);
        } finally {
            if (counted) {
                cancel(stage);
                result.completeExceptionally(timeout);
            }
        }
    }

    private void stopTimer() {
        ScheduledFuture<?> t = timer;
        if (t != null) {
            t.cancel(false);
        }
    }

    private static void cancel(CompletionStage<?> stage) {
        try {
            stage.toCompletableFuture().cancel(true);
        } catch (UnsupportedOperationException notCancellable) {
            // A stage that cannot be turned into a future cannot be cancelled either; its late outcome is ignored.
        }
    }
}
