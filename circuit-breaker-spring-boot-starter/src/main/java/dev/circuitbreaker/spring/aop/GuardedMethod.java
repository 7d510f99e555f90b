package dev.circuitbreaker.spring.aop;

import dev.circuitbreaker.CircuitBreaker;
import dev.circuitbreaker.CallNotPermittedException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import org.aopalliance.intercept.MethodInvocation;

/**
 * One annotated method with its breaker and fallback, resolved once: runs an invocation through the breaker and
 * falls back when the breaker records the failure or rejects the call. The breaker is the registry's current one
 * for the name (see {@link BreakerSlot}); the rest is immutable. Thread-safe.
 */
final class GuardedMethod extends BreakerSlot {

    private final FallbackMethod fallback;
    private final boolean async;

    /** @param registry gives the registry's breaker for {@code name}, creating it if needed */
    GuardedMethod(String name, Function<String, CircuitBreaker> registry, FallbackMethod fallback, boolean async) {
        super(name, registry);
        this.fallback = fallback;
        this.async = async;
    }

    Object invoke(MethodInvocation invocation) throws Throwable {
        CircuitBreaker cb = breaker();
        if (async) {
            return invokeAsync(cb, invocation);
        }
        try {
            return cb.execute(invocation::proceed);
        } catch (Throwable error) {
            if (fallback == null) {
                throw error;
            }
            // Inside a retry advice, the fallback runs once the retries are over (RetryAwareFallback), not here.
            boolean fallsBack = fallsBackOn(cb, error);
            if (RetryAwareFallback.defer(invocation, fallsBack ? error : null) || !fallsBack) {
                throw error;
            }
            return fallback.invoke(invocation.getThis(), invocation.getArguments(), error);
        }
    }

    /** Whether a {@link RetryAwareFallback} outside a retry advice may run this method's fallback: sync, with one. */
    boolean defersFallback() {
        return fallback != null && !async;
    }

    /** Runs the fallback for {@code error}, on behalf of a {@link RetryAwareFallback}. */
    Object fallBack(MethodInvocation invocation, Throwable error) throws Throwable {
        return fallback.invoke(invocation.getThis(), invocation.getArguments(), error);
    }

    private CompletableFuture<Object> invokeAsync(CircuitBreaker cb, MethodInvocation invocation) {
        CompletableFuture<Object> call = cb.callAsync(() -> proceedAsync(invocation));
        if (fallback == null) {
            return call;
        }
        CompletableFuture<Object> result = new CompletableFuture<>();
        call.whenComplete((value, error) -> {
            Throwable cause = unwrap(error);
            if (error == null) {
                result.complete(value);
            } else if (!fallsBackOn(cb, cause) || !fallback.appliesTo(cause)) {
                result.completeExceptionally(error);
            } else {
                fallBackAsync(cb, invocation, cause, result);
            }
        });
        result.whenComplete((value, error) -> {
            if (result.isCancelled()) {
                call.cancel(true);
            }
        });
        return result;
    }

    private void fallBackAsync(CircuitBreaker cb, MethodInvocation invocation, Throwable cause,
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

    /**
     * Recorded failures, and calls this very breaker did not run (its state rejected them or its bulkhead was full);
     * a nested breaker's rejection is just an exception.
     */
    private static boolean fallsBackOn(CircuitBreaker cb, Throwable error) {
        return cb.isRecordedFailure(error)
                || error instanceof CallNotPermittedException notRun && notRun.breakerName().equals(cb.name());
    }

    @SuppressWarnings("unchecked")
    private static CompletionStage<Object> proceedAsync(MethodInvocation invocation) {
        try {
            return (CompletionStage<Object>) invocation.proceed();
        } catch (Throwable t) {
            throw GuardedMethod.<RuntimeException>sneakyThrow(t);
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
