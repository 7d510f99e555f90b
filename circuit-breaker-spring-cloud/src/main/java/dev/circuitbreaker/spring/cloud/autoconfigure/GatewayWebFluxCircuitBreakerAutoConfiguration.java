package dev.circuitbreaker.spring.cloud.autoconfigure;

import dev.circuitbreaker.spring.autoconfigure.ConditionalOnCircuitBreakerEnabled;
import dev.circuitbreaker.spring.cloud.RegistryReactiveCircuitBreakerFactory;
import dev.circuitbreaker.spring.cloud.gateway.GatewayCircuitBreakerFilterFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.cloud.gateway.filter.factory.SpringCloudCircuitBreakerFilterFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.DispatcherHandler;

/**
 * Spring Cloud Gateway (WebFlux): the {@code CircuitBreaker} route filter on the registry's breakers (see
 * {@link GatewayCircuitBreakerFilterFactory}), in reactive applications with Gateway on the class path and this
 * module's reactive factory in use. Runs after the factories' auto-configuration, whose reactive factory it needs.
 */
@AutoConfiguration(after = SpringCloudCircuitBreakerAutoConfiguration.class)
@ConditionalOnCircuitBreakerEnabled
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass({SpringCloudCircuitBreakerFilterFactory.class, DispatcherHandler.class})
@ConditionalOnBean(RegistryReactiveCircuitBreakerFactory.class)
public final class GatewayWebFluxCircuitBreakerAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(SpringCloudCircuitBreakerFilterFactory.class)
    GatewayCircuitBreakerFilterFactory gatewayCircuitBreakerFilterFactory(RegistryReactiveCircuitBreakerFactory factory,
            ObjectProvider<DispatcherHandler> dispatcherHandler) {
        return new GatewayCircuitBreakerFilterFactory(factory, dispatcherHandler);
    }
}
