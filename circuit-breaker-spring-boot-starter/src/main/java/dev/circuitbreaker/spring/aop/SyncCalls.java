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
            CallObserver observer = method.observer();
            return observer == null ? cb.execute(invocation::proceed) : observed(observer, cb, invocation);
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

    /** The call as an observation: current while it runs, stopped with its outcome before any fallback runs. */
    private static Object observed(CallObserver observer, CircuitBreaker cb, MethodInvocation invocation) throws Throwable {
        CallObserver.Observed observed = observer.start(cb, null);
        try (CallObserver.Scope scope = observed.openScope()) {
            Object result = cb.execute(invocation::proceed);
            observed.stop(null);
            return result;
        } catch (Throwable error) {
            observed.stop(error);
            throw error;
        }
    }

    @Override
    public boolean fallsBackAfterRetries() {
        return true;
    }
}
