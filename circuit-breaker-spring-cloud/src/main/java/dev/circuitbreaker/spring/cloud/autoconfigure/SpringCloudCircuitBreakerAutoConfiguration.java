package dev.circuitbreaker.spring.cloud.autoconfigure;

import dev.circuitbreaker.CircuitBreakerRegistry;
import dev.circuitbreaker.spring.aop.CallObserver;
import dev.circuitbreaker.spring.autoconfigure.CircuitBreakerAutoConfiguration;
import dev.circuitbreaker.spring.autoconfigure.CircuitBreakerConfigurations;
import dev.circuitbreaker.spring.autoconfigure.ConditionalOnCircuitBreakerEnabled;
import dev.circuitbreaker.spring.cloud.RegistryCircuitBreakerFactory;
import dev.circuitbreaker.spring.cloud.RegistryReactiveCircuitBreakerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.cloud.client.circuitbreaker.CircuitBreakerFactory;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreakerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Spring Cloud CircuitBreaker's factories backed by the starter's {@link CircuitBreakerRegistry}: the blocking one, and
 * the reactive one when Reactor is on the class path, each unless the application defines a factory of that kind.
 * {@code Customizer<RegistryCircuitBreakerFactory>} and {@code Customizer<RegistryReactiveCircuitBreakerFactory>}
 * beans run, in their order, before the factory is handed out.
 *
 * <p>Runs before OpenFeign's {@code FeignAutoConfiguration} and Spring Cloud Commons'
 * {@code CommonsClientAutoConfiguration}: they wrap Feign clients and HTTP service clients in breakers only when a
 * {@code CircuitBreakerFactory} bean already exists ({@code @ConditionalOnBean}), so this order is what makes them use
 * these breakers at all. It is declared here, never left to the alphabetical order of class names.
 */
@AutoConfiguration(after = CircuitBreakerAutoConfiguration.class, beforeName = {
        SpringCloudCircuitBreakerAutoConfiguration.FEIGN_AUTO_CONFIGURATION,
        SpringCloudCircuitBreakerAutoConfiguration.COMMONS_CLIENT_AUTO_CONFIGURATION})
@ConditionalOnCircuitBreakerEnabled
@ConditionalOnClass(CircuitBreakerFactory.class)
public final class SpringCloudCircuitBreakerAutoConfiguration {

    /** OpenFeign's auto-configuration, which picks the breaker-wrapping targeter only if a factory bean exists. */
    static final String FEIGN_AUTO_CONFIGURATION = "org.springframework.cloud.openfeign.FeignAutoConfiguration";

    /** Spring Cloud Commons' auto-configuration, whose HTTP service client support needs a factory bean (5.0+). */
    static final String COMMONS_CLIENT_AUTO_CONFIGURATION = "org.springframework.cloud.client.CommonsClientAutoConfiguration";

    @Bean
    @ConditionalOnMissingBean(CircuitBreakerFactory.class)
    RegistryCircuitBreakerFactory registryCircuitBreakerFactory(CircuitBreakerRegistry registry,
            CircuitBreakerConfigurations configurations,
            ObjectProvider<Customizer<RegistryCircuitBreakerFactory>> customizers, ObjectProvider<CallObserver> observer) {
        RegistryCircuitBreakerFactory factory = new RegistryCircuitBreakerFactory(registry, configurations);
        factory.observeWith(observer.getIfAvailable());
        customizers.orderedStream().forEach(customizer -> customizer.customize(factory));
        return factory;
    }

    /** The reactive factory, when Reactor is on the class path. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "reactor.core.publisher.Mono")
    static class Reactive {

        @Bean
        @ConditionalOnMissingBean(ReactiveCircuitBreakerFactory.class)
        RegistryReactiveCircuitBreakerFactory registryReactiveCircuitBreakerFactory(CircuitBreakerRegistry registry,
                CircuitBreakerConfigurations configurations,
                ObjectProvider<Customizer<RegistryReactiveCircuitBreakerFactory>> customizers,
                ObjectProvider<CallObserver> observer) {
            RegistryReactiveCircuitBreakerFactory factory = new RegistryReactiveCircuitBreakerFactory(registry, configurations);
            factory.observeWith(observer.getIfAvailable());
            customizers.orderedStream().forEach(customizer -> customizer.customize(factory));
            return factory;
        }
    }
}
