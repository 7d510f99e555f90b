package dev.circuitbreaker.spring.aop;

import java.util.function.Supplier;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;

/**
 * The advice: looks up the invoked method's resolved breaker and fallback (cached) and runs the call through it.
 * Thread-safe.
 */
final class CircuitBreakerInterceptor implements MethodInterceptor {

    private final Supplier<CircuitBreakerMethods> methods;

    /** @param methods supplied lazily, so that creating the advisor early does not create the breakers early */
    CircuitBreakerInterceptor(Supplier<CircuitBreakerMethods> methods) {
        this.methods = methods;
    }

    @Override
    public Object invoke(MethodInvocation invocation) throws Throwable {
        return methods.get().resolve(invocation.getThis(), invocation.getMethod()).invoke(invocation);
    }
}
