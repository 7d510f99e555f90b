package dev.circuitbreaker.spring.autoconfigure;

import dev.circuitbreaker.CircuitBreakerRegistry;
import dev.circuitbreaker.spring.actuate.CircuitBreakersEndpoint;
import dev.circuitbreaker.spring.actuate.CircuitBreakersEndpointRuntimeHints;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ImportRuntimeHints;

/** The {@code circuitbreakers} Actuator endpoint, when Actuator is present and the endpoint is available (exposed). */
@AutoConfiguration(after = CircuitBreakerAutoConfiguration.class)
@ConditionalOnCircuitBreakerEnabled
@ConditionalOnClass({Endpoint.class, ConditionalOnAvailableEndpoint.class})
@ConditionalOnBean(CircuitBreakerRegistry.class)
@ImportRuntimeHints(CircuitBreakersEndpointRuntimeHints.class)
public final class CircuitBreakerEndpointAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnAvailableEndpoint
    CircuitBreakersEndpoint circuitBreakersEndpoint(CircuitBreakerRegistry registry) {
        return new CircuitBreakersEndpoint(registry);
    }
}
