package dev.circuitbreaker.spring.aop;

import org.springframework.aop.Advisor;
import org.springframework.aop.framework.Advised;
import org.springframework.aop.framework.AopInfrastructureBean;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.util.ClassUtils;

/**
 * Makes {@code @CircuitBreaker} fallbacks run after Spring Framework 7's {@code @Retryable} retries, not on each
 * attempt. Spring's resilience post-processors add their advice in front of a proxy's existing advice, so on a
 * method with both annotations the retry advice wraps the breaker advice (each attempt is one breaker call). For
 * such a proxy this post-processor inserts the method's {@link RetryAwareFallback} just outside the outermost retry
 * advice. A proxy whose retry advice sits inside the breaker advice (a {@code RetryAnnotationBeanPostProcessor} with
 * {@code beforeExistingAdvisors=false}) is left alone: there the breaker's own fallback already runs after the
 * retries.
 *
 * <p>Deliberately not {@code Ordered}: Spring applies unordered post-processors after every ordered one, so this one
 * sees the retry advice whatever order {@code @EnableResilientMethods} gives Spring's. Thread-safe.
 */
public final class RetryCompositionPostProcessor implements BeanPostProcessor, AopInfrastructureBean {

    /** The advice type of Spring Framework 7's {@code @Retryable}; absent before Spring Framework 7. */
    public static final String RETRY_INTERCEPTOR = "org.springframework.resilience.retry.AbstractRetryInterceptor";

    private final Class<?> retryInterceptor;

    /**
     * Creates the post-processor; the starter declares it on Spring Framework 7 only.
     *
     * @throws IllegalStateException if {@value #RETRY_INTERCEPTOR} is not on the class path
     */
    public RetryCompositionPostProcessor() {
        ClassLoader loader = RetryCompositionPostProcessor.class.getClassLoader();
        if (!ClassUtils.isPresent(RETRY_INTERCEPTOR, loader)) {
            throw new IllegalStateException(RETRY_INTERCEPTOR + " is not on the class path (Spring Framework 7+ is needed)");
        }
        this.retryInterceptor = ClassUtils.resolveClassName(RETRY_INTERCEPTOR, loader);
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (!(bean instanceof Advised advised) || advised.isFrozen()) {
            return bean;
        }
        Advisor[] advisors = advised.getAdvisors();
        int outermostRetry = -1;
        for (int i = 0; i < advisors.length; i++) {
            Advisor advisor = advisors[i];
            if (advisor instanceof RetryAwareFallbackAdvisor) {
                return bean;
            }
            if (outermostRetry < 0 && retryInterceptor.isInstance(advisor.getAdvice())) {
                outermostRetry = i;
            }
            if (advisor instanceof CircuitBreakerAdvisor breaker) {
                if (outermostRetry >= 0) {
                    advised.addAdvisor(outermostRetry, breaker.retryAwareFallbackAdvisor());
                }
                return bean;
            }
        }
        return bean;
    }
}
