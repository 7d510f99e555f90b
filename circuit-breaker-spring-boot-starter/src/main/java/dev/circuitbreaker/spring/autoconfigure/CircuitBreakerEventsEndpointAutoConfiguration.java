package dev.circuitbreaker.spring.autoconfigure;

import dev.circuitbreaker.CircuitBreakerRegistry;
import dev.circuitbreaker.spring.actuate.CircuitBreakerEventsEndpoint;
import dev.circuitbreaker.spring.actuate.CircuitBreakerEventsEndpointRuntimeHints;
import dev.circuitbreaker.spring.events.CircuitBreakerEventLog;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportRuntimeHints;

/**
 * The {@code circuitbreakerevents} Actuator endpoint and the event log behind it, when Actuator is present and the
 * endpoint is available (exposed): without it no breaker carries the log's listener.
 */
@AutoConfiguration(after = CircuitBreakerAutoConfiguration.class)
@ConditionalOnCircuitBreakerEnabled
@ConditionalOnClass({Endpoint.class, ConditionalOnAvailableEndpoint.class})
@ConditionalOnBean(CircuitBreakerRegistry.class)
@ImportRuntimeHints(CircuitBreakerEventsEndpointRuntimeHints.class)
public final class CircuitBreakerEventsEndpointAutoConfiguration {

    /**
     * Nested, so that its Actuator condition is read only once the class condition above has found Actuator: Spring
     * loads every condition of a class before it evaluates the first.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnAvailableEndpoint(endpoint = CircuitBreakerEventsEndpoint.class)
    @Import(EventLogConfiguration.class)
    static class AvailableEndpoint {

        @Bean
        @ConditionalOnMissingBean
        CircuitBreakerEventsEndpoint circuitBreakerEventsEndpoint(CircuitBreakerEventLog log) {
            return new CircuitBreakerEventsEndpoint(log);
        }
    }
}
