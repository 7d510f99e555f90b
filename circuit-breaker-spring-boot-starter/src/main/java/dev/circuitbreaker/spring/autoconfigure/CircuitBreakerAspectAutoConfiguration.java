package dev.circuitbreaker.spring.autoconfigure;

import dev.circuitbreaker.CircuitBreakerRegistry;
import dev.circuitbreaker.spring.aop.CallObserver;
import dev.circuitbreaker.spring.aop.CircuitBreakerAdvisor;
import dev.circuitbreaker.spring.aop.CircuitBreakerAnnotationChecker;
import dev.circuitbreaker.spring.aop.CircuitBreakerMethods;
import dev.circuitbreaker.spring.aop.ReactiveMethods;
import dev.circuitbreaker.spring.aop.RetryCompositionPostProcessor;
import org.aopalliance.intercept.MethodInterceptor;
import org.springframework.aop.config.AopConfigUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.context.annotation.Role;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.util.function.SingletonSupplier;

/**
 * The {@code @CircuitBreaker} annotation: an advisor (ordered by {@code circuitbreaker.aspect-order}) and the
 * startup check of every annotated bean. Registers an auto-proxy creator if the application has none, so it does
 * not depend on {@code spring.aop.auto}. With Reactor on the class path, methods returning {@code Mono}, {@code Flux}
 * or another reactive type, and Kotlin {@code suspend} functions, are guarded per subscription. On Spring Framework
 * 7, fallbacks of methods that {@code @Retryable} also wraps run after the retries
 * ({@link RetryCompositionPostProcessor}).
 */
@AutoConfiguration(after = CircuitBreakerAutoConfiguration.class)
@ConditionalOnCircuitBreakerEnabled
@ConditionalOnClass(MethodInterceptor.class)
@ConditionalOnBean(CircuitBreakerRegistry.class)
@Import(CircuitBreakerAspectAutoConfiguration.AutoProxyRegistrar.class)
public final class CircuitBreakerAspectAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    CircuitBreakerMethods circuitBreakerMethods(CircuitBreakerRegistry registry, CircuitBreakerConfigurations configurations,
            ObjectProvider<ReactiveMethods> reactiveMethods, ObjectProvider<CallObserver> observer) {
        CircuitBreakerMethods methods = new CircuitBreakerMethods(name -> configurations.circuitBreaker(registry, name),
                reactiveMethods.getIfAvailable(), observer.getIfAvailable());
        // A breaker removed from the registry at run time is looked up again (and so re-created) on the next call.
        registry.addListener(methods);
        return methods;
    }

    /** Static, with lazy dependencies: auto-proxy creators instantiate advisors before most other beans. */
    @Bean
    @ConditionalOnMissingBean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static CircuitBreakerAdvisor circuitBreakerAdvisor(ObjectProvider<CircuitBreakerMethods> methods, Environment environment) {
        int order = Binder.get(environment).bind("circuitbreaker.aspect-order", Integer.class)
                .orElse(CircuitBreakerProperties.DEFAULT_ASPECT_ORDER);
        return new CircuitBreakerAdvisor(SingletonSupplier.of(methods::getObject), order);
    }

    @Bean
    CircuitBreakerAnnotationChecker circuitBreakerAnnotationChecker(ConfigurableListableBeanFactory beanFactory,
            CircuitBreakerMethods methods) {
        return new CircuitBreakerAnnotationChecker(beanFactory, methods);
    }

    /**
     * Reactive return types and Kotlin {@code suspend} functions, guarded per subscription by the operator of
     * circuit-breaker-reactor (a dependency of the starter; Reactor itself is the application's).
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"reactor.core.publisher.Mono", "dev.circuitbreaker.reactor.CircuitBreakerOperator"})
    static class ReactiveReturnTypes {

        @Bean
        @ConditionalOnMissingBean
        ReactiveMethods circuitBreakerReactiveMethods() {
            return new ReactiveMethods();
        }
    }

    /** Spring Framework 7's {@code @Retryable}: the fallback runs once the retries are over, not on each attempt. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = RetryCompositionPostProcessor.RETRY_INTERCEPTOR)
    static class RetryComposition {

        @Bean
        @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
        static RetryCompositionPostProcessor circuitBreakerRetryComposition() {
            return new RetryCompositionPostProcessor();
        }
    }

    static final class AutoProxyRegistrar implements ImportBeanDefinitionRegistrar {

        @Override
        public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
            AopConfigUtils.registerAutoProxyCreatorIfNecessary(registry);
        }
    }
}
