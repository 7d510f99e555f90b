package dev.circuitbreaker.spring.aop;

import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;

/**
 * Checks every bean with {@code @CircuitBreaker} methods once all singletons exist: each annotated method's breaker
 * is created and its fallback resolved, so a bad annotation fails startup instead of a call. Runs once, on the
 * thread that refreshes the context.
 */
public final class CircuitBreakerAnnotationChecker implements SmartInitializingSingleton {

    private final ConfigurableListableBeanFactory beanFactory;
    private final CircuitBreakerMethods methods;

    /**
     * @param beanFactory the beans to check
     * @param methods resolves each annotated method's breaker and fallback
     */
    public CircuitBreakerAnnotationChecker(ConfigurableListableBeanFactory beanFactory, CircuitBreakerMethods methods) {
        this.beanFactory = beanFactory;
        this.methods = methods;
    }

    @Override
    public void afterSingletonsInstantiated() {
        for (String name : beanFactory.getBeanDefinitionNames()) {
            Class<?> type = beanClass(name);
            if (type != null) {
                methods.check(name, type);
            }
        }
    }

    private Class<?> beanClass(String name) {
        try {
            BeanDefinition definition = beanFactory.getMergedBeanDefinition(name);
            if (definition.isAbstract()) {
                return null;
            }
            if (definition.isSingleton() && beanFactory.containsSingleton(name)) {
                return AopProxyUtils.ultimateTargetClass(beanFactory.getSingleton(name));
            }
            return beanFactory.getType(name, false);
        } catch (BeansException notResolvable) {
            return null;
        }
    }
}
