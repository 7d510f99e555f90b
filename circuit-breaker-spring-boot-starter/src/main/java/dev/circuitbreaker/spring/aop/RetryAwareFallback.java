package dev.circuitbreaker.spring.aop;

import java.util.function.Supplier;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.aop.ProxyMethodInvocation;

/**
 * The fallback of a {@code @CircuitBreaker} method that a retry advice wraps: placed just outside the retry advice
 * (by {@link RetryCompositionPostProcessor}), it runs the fallback once, after the retries are over, instead of the
 * breaker advice running it on the first failed attempt (which would return the fallback's value to the retry
 * advice as a success, so nothing would ever be retried).
 *
 * <p>How: it leaves a {@link Deferred} in the invocation's user attributes, which the retry advice's copies of the
 * invocation share. The breaker advice inside sees it and, instead of falling back, notes the error it would have
 * fallen back on and rethrows it. When the error that comes out of the retry advice is that very error (the last
 * attempt's, which Spring's retry advice rethrows when its policy is exhausted or declines to retry it, a rejection
 * by an open breaker included), this advice falls back on it; any other outcome passes through unchanged.
 *
 * <p>Reactive methods (and Kotlin {@code suspend} functions): Spring's retry advice retries by subscribing again to
 * the publisher the method returned, so the breaker advice inside it leaves its fallback off that publisher
 * ({@link #defers}) and this advice puts it on the publisher the retry advice returns: the fallback runs once, on the
 * last attempt's error (Reactor's retries-exhausted error is looked through), when that is a recorded failure or the
 * breaker's own rejection. A {@code CompletionStage} method keeps its fallback on the stage (Spring's retry advice
 * retries a method that throws, not one whose returned stage fails). Thread-safe.
 */
final class RetryAwareFallback implements MethodInterceptor {

    private static final String ATTRIBUTE = RetryAwareFallback.class.getName();

    private final Supplier<CircuitBreakerMethods> methods;

    RetryAwareFallback(Supplier<CircuitBreakerMethods> methods) {
        this.methods = methods;
    }

    @Override
    public Object invoke(MethodInvocation invocation) throws Throwable {
        if (!(invocation instanceof ProxyMethodInvocation proxyInvocation)) {
            return invocation.proceed();
        }
        GuardedMethod guarded = methods.get().resolve(invocation.getThis(), invocation.getMethod());
        if (!guarded.defersFallback()) {
            return invocation.proceed();
        }
        Deferred deferred = new Deferred();
        proxyInvocation.setUserAttribute(ATTRIBUTE, deferred);
        if (guarded.strategy().fallsBackOnPublisher()) {
            return ((ReactiveCalls) guarded.strategy()).fallBackAfterRetries(guarded, invocation, invocation.proceed());
        }
        try {
            return invocation.proceed();
        } catch (Throwable error) {
            if (deferred.error != error) {
                throw error;
            }
            return guarded.fallback().invoke(invocation.getThis(), invocation.getArguments(), error);
        }
    }

    /**
     * Called by the breaker advice for each failed attempt of a method with a fallback: if a {@link RetryAwareFallback}
     * runs the fallback outside, notes {@code fallbackError} (the error to fall back on, or {@code null} when this
     * attempt's error is not one) and returns true, and the breaker advice rethrows instead of falling back.
     */
    static boolean defer(MethodInvocation invocation, Throwable fallbackError) {
        if (invocation instanceof ProxyMethodInvocation proxyInvocation
                && proxyInvocation.getUserAttribute(ATTRIBUTE) instanceof Deferred deferred) {
            deferred.error = fallbackError;
            return true;
        }
        return false;
    }

    /**
     * Whether a {@link RetryAwareFallback} outside a retry advice runs the fallback of {@code invocation}'s method,
     * so the breaker advice must not: for reactive methods, which fall back on the publisher, not on a throw.
     */
    static boolean defers(MethodInvocation invocation) {
        return invocation instanceof ProxyMethodInvocation proxyInvocation
                && proxyInvocation.getUserAttribute(ATTRIBUTE) instanceof Deferred;
    }

    /** The error the breaker advice would have fallen back on in the latest attempt. One per call, one thread. */
    private static final class Deferred {
        Throwable error;
    }
}
