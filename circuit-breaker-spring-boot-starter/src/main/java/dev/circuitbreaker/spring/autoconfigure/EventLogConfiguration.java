package dev.circuitbreaker.spring.autoconfigure;

import dev.circuitbreaker.CircuitBreakerRegistry;
import dev.circuitbreaker.spring.events.CircuitBreakerEventLog;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The event log, imported by the two things that read it (the {@code circuitbreakerevents} endpoint and the
 * dashboard), so that it exists, and its listener sits on every breaker, only when one of them is on.
 */
@Configuration(proxyBeanMethods = false)
class EventLogConfiguration {

    @Bean
    @ConditionalOnMissingBean
    CircuitBreakerEventLog circuitBreakerEventLog(CircuitBreakerRegistry registry) {
        return new CircuitBreakerEventLog(registry);
    }
}
