package dev.circuitbreaker.spring.aop;

import dev.circuitbreaker.CircuitBreaker;
import org.aopalliance.intercept.MethodInvocation;

/**
 * Methods returning a plain value (or nothing): the call runs through the breaker on the caller's thread, and the
 * fallback runs on the exception the call threw. Inside a retry advice the fallback waits for the retries
 * ({@link RetryAwareFallback}). Stateless and thread-safe.
 */
final class SyncCalls implements CallStrategy {

    static final SyncCalls INSTANCE = new SyncCalls();

    private SyncCalls() {
    }

    @Override
    public Object invoke(GuardedMethod method, CircuitBreaker cb, MethodInvocation invocation) throws Throwable {
        try {
            return cb.execute(invocation::proceed);
        } catch (Throwable error) {
            FallbackMethod fallback = method.fallback();
            if (fallback == null) {
                throw error;
            }
            // Inside a retry advice, the fallback runs once the retries are over (RetryAwareFallback), not here.
            boolean fallsBack = GuardedMethod.fallsBackOn(cb, error);
            if (RetryAwareFallback.defer(invocation, fallsBack ? error : null) || !fallsBack) {
                throw error;
            }
            return fallback.invoke(invocation.getThis(), invocation.getArguments(), error);
        }
    }

    @Override
    public boolean fallsBackAfterRetries() {
        return true;
    }
}
