package dev.circuitbreaker.spring.aop;

import dev.circuitbreaker.CallNotPermittedException;
import dev.circuitbreaker.CircuitBreaker;
import java.util.function.Function;
import org.aopalliance.intercept.MethodInvocation;

/**
 * One annotated method with its breaker, fallback and {@link CallStrategy} (by its return type), resolved once:
 * runs an invocation through the breaker and falls back when the breaker records the failure or rejects the call.
 * The breaker is the registry's current one for the name (see {@link BreakerSlot}); the rest is immutable.
 * Thread-safe.
 */
final class GuardedMethod extends BreakerSlot {

    private final FallbackMethod fallback;
    private final CallStrategy strategy;
    private final CallObserver observer;

    /**
     * @param registry gives the registry's breaker for {@code name}, creating it if needed
     * @param observer observes each call, or {@code null} when calls are not observed
     */
    GuardedMethod(String name, Function<String, CircuitBreaker> registry, FallbackMethod fallback, CallStrategy strategy,
            CallObserver observer) {
        super(name, registry);
        this.fallback = fallback;
        this.strategy = strategy;
        this.observer = observer;
    }

    Object invoke(MethodInvocation invocation) throws Throwable {
        return strategy.invoke(this, breaker(), invocation);
    }

    /** The fallback, or {@code null} for none. */
    FallbackMethod fallback() {
        return fallback;
    }

    /** The call's observer, or {@code null} when calls are not observed (then they pay nothing for it). */
    CallObserver observer() {
        return observer;
    }

    /** How calls of this method's return type are guarded. */
    CallStrategy strategy() {
        return strategy;
    }

    /** Whether a {@link RetryAwareFallback} outside a retry advice runs this method's fallback after the retries. */
    boolean defersFallback() {
        return fallback != null && strategy.fallsBackAfterRetries();
    }

    /**
     * Recorded failures, and calls this very breaker did not run (its state rejected them or its bulkhead was full);
     * a nested breaker's rejection is just an exception.
     */
    static boolean fallsBackOn(CircuitBreaker cb, Throwable error) {
        return cb.isRecordedFailure(error)
                || error instanceof CallNotPermittedException notRun && notRun.breakerName().equals(cb.name());
    }
}
