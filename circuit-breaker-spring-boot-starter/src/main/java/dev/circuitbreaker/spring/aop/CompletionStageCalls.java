package dev.circuitbreaker.spring.aop;

import dev.circuitbreaker.CircuitBreaker;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import org.aopalliance.intercept.MethodInvocation;

/**
 * Methods returning {@code CompletionStage} or {@code CompletableFuture}: the permit is taken when the method is
 * called and the outcome recorded when the stage completes ({@link CircuitBreaker#callAsync}, so the breaker's
 * {@code callTimeout} applies); the fallback runs on the stage's failure and its own stage completes the caller's.
 * Cancelling the returned future cancels the call. A retry advice retries a method that throws, not one whose stage
 * fails, so the fallback stays on the stage there too. Stateless and thread-safe.
 */
final class CompletionStageCalls implements CallStrategy {

    static final CompletionStageCalls INSTANCE = new CompletionStageCalls();

    private CompletionStageCalls() {
    }

    @Override
    public Object invoke(GuardedMethod method, CircuitBreaker cb, MethodInvocation invocation) {
        CallObserver observer = method.observer();
        CompletableFuture<Object> call = observer == null ? cb.callAsync(() -> proceed(invocation))
                : observed(observer, cb, invocation);
        FallbackMethod fallback = method.fallback();
        if (fallback == null) {
            return call;
        }
        CompletableFuture<Object> result = new CompletableFuture<>();
        call.whenComplete((value, error) -> {
            Throwable cause = unwrap(error);
            if (error == null) {
                result.complete(value);
            } else if (!GuardedMethod.fallsBackOn(cb, cause) || !fallback.appliesTo(cause)) {
                result.completeExceptionally(error);
            } else {
                fallBack(cb, fallback, invocation, cause, result);
            }
        });
        result.whenComplete((value, error) -> {
            if (result.isCancelled()) {
                call.cancel(true);
            }
        });
        return result;
    }

    /** The call as an observation: current while the stage is started, stopped when it completes or is cancelled. */
    private static CompletableFuture<Object> observed(CallObserver observer, CircuitBreaker cb, MethodInvocation invocation) {
        CallObserver.Observed observed = observer.start(cb, null);
        CompletableFuture<Object> call;
        try (CallObserver.Scope scope = observed.openScope()) {
            call = cb.callAsync(() -> proceed(invocation));
        }
        call.whenComplete((value, error) -> {
            Throwable cause = unwrap(error);
            if (cause instanceof CancellationException) {
                observed.cancelled();
            } else {
                observed.stop(cause);
            }
        });
        return call;
    }

    @Override
    public boolean fallsBackAfterRetries() {
        return false;
    }

    private static void fallBack(CircuitBreaker cb, FallbackMethod fallback, MethodInvocation invocation, Throwable cause,
            CompletableFuture<Object> result) {
        Object stage;
        try {
            stage = fallback.invoke(invocation.getThis(), invocation.getArguments(), cause);
        } catch (Throwable thrown) {
            result.completeExceptionally(thrown);
            return;
        }
        if (stage == null) {
            result.completeExceptionally(FallbackMethod.withSuppressed(
                    new NullPointerException("the fallback of " + cb.name() + " returned null instead of a CompletionStage"), cause));
            return;
        }
        @SuppressWarnings("unchecked")
        CompletionStage<Object> fallbackStage = (CompletionStage<Object>) stage;
        fallbackStage.whenComplete((value, error) -> {
            if (error == null) {
                result.complete(value);
            } else {
                result.completeExceptionally(FallbackMethod.withSuppressed(unwrap(error), cause));
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static CompletionStage<Object> proceed(MethodInvocation invocation) {
        try {
            return (CompletionStage<Object>) invocation.proceed();
        } catch (Throwable t) {
            throw CompletionStageCalls.<RuntimeException>sneakyThrow(t);
        }
    }

    /** Lets callAsync see, record and return the callee's own exception, checked or not. */
    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E sneakyThrow(Throwable t) throws E {
        throw (E) t;
    }

    private static Throwable unwrap(Throwable error) {
        return (error instanceof CompletionException || error instanceof ExecutionException) && error.getCause() != null
                ? error.getCause() : error;
    }
}
