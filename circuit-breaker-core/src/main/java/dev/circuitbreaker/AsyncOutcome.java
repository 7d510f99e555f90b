package dev.circuitbreaker;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ties an asynchronous call's stage to the one report its permit expects: the stage's completion, or the caller
 * cancelling the returned future, whichever comes first. Thread-safe; one instance per call.
 */
final class AsyncOutcome {

    /** Receives the one report: the callee's own exception ({@code null} on success), and whether it was cancelled. */
    @FunctionalInterface
    interface Report {
        void outcome(Throwable error, boolean cancelled);
    }

    private AsyncOutcome() {
    }

    /**
     * Returns a future completed exactly as {@code stage} is; {@code report} hears the outcome once, with a
     * {@link CompletionException} unwrapped. Cancelling the returned future reports a cancellation and cancels the
     * stage when it can be.
     */
    static <T> CompletableFuture<T> track(CompletionStage<T> stage, Report report) {
        AtomicBoolean reported = new AtomicBoolean();
        CompletableFuture<T> result = new CompletableFuture<>();
        stage.whenComplete((value, error) -> {
            if (reported.compareAndSet(false, true)) {
                Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                report.outcome(cause, cause instanceof CancellationException);
            }
            if (error == null) {
                result.complete(value);
            } else {
                result.completeExceptionally(error);
            }
        });
        result.whenComplete((value, error) -> {
            if (result.isCancelled() && reported.compareAndSet(false, true)) {
                report.outcome(error, true);
                cancel(stage);
            }
        });
        return result;
    }

    private static void cancel(CompletionStage<?> stage) {
        try {
            stage.toCompletableFuture().cancel(true);
        } catch (UnsupportedOperationException notCancellable) {
            // A stage that cannot be turned into a future cannot be cancelled either; its outcome is ignored.
        }
    }
}
