package dev.circuitbreaker.spring.aop;

import java.lang.reflect.Method;
import java.util.function.Supplier;
import org.aopalliance.aop.Advice;
import org.springframework.aop.Pointcut;
import org.springframework.aop.support.AbstractPointcutAdvisor;
import org.springframework.aop.support.StaticMethodMatcherPointcut;

/**
 * Applies the circuit breaker advice to {@code @CircuitBreaker} methods. A plain advisor rather than an
 * {@code @Aspect}: its pointcut is the same Java predicate the startup check uses, so what is checked is exactly
 * what is intercepted, and it works with any auto-proxy creator. Its order is {@code circuitbreaker.aspect-order}.
 * Thread-safe.
 */
public final class CircuitBreakerAdvisor extends AbstractPointcutAdvisor {

    private static final long serialVersionUID = 1L;

    private final transient Pointcut pointcut = new AnnotatedMethods();
    private final transient Advice advice;
    private final transient RetryAwareFallbackAdvisor retryAwareFallback;

    /**
     * @param methods the method resolver, supplied lazily
     * @param order the advice order, lower runs first
     */
    public CircuitBreakerAdvisor(Supplier<CircuitBreakerMethods> methods, int order) {
        this.advice = new CircuitBreakerInterceptor(methods);
        this.retryAwareFallback = new RetryAwareFallbackAdvisor(pointcut, new RetryAwareFallback(methods));
        setOrder(order);
    }

    @Override
    public Pointcut getPointcut() {
        return pointcut;
    }

    @Override
    public Advice getAdvice() {
        return advice;
    }

    /** The advisor that runs fallbacks outside a retry advice; see {@link RetryCompositionPostProcessor}. */
    RetryAwareFallbackAdvisor retryAwareFallbackAdvisor() {
        return retryAwareFallback;
    }

    private static final class AnnotatedMethods extends StaticMethodMatcherPointcut {

        AnnotatedMethods() {
            setClassFilter(CircuitBreakerMethods::isCandidate);
        }

        @Override
        public boolean matches(Method method, Class<?> targetClass) {
            return CircuitBreakerMethods.annotation(method, targetClass) != null;
        }
    }
}
