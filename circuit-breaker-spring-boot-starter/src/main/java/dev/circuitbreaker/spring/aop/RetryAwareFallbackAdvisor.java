package dev.circuitbreaker.spring.aop;

import org.springframework.aop.Pointcut;
import org.springframework.aop.support.DefaultPointcutAdvisor;

/**
 * {@link RetryAwareFallback} on the {@code @CircuitBreaker} methods, added to a proxy only by
 * {@link RetryCompositionPostProcessor}; a type of its own so that it is added once. Thread-safe.
 */
final class RetryAwareFallbackAdvisor extends DefaultPointcutAdvisor {

    private static final long serialVersionUID = 1L;

    RetryAwareFallbackAdvisor(Pointcut pointcut, RetryAwareFallback advice) {
        super(pointcut, advice);
    }
}
