package dev.circuitbreaker.test;

import dev.circuitbreaker.CircuitBreakerRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** A plain Spring context (no Boot) with one registry holding a "payments" breaker. */
@Configuration(proxyBeanMethods = false)
class SingleRegistry {

    @Bean
    CircuitBreakerRegistry circuitBreakerRegistry() {
        CircuitBreakerRegistry registry = CircuitBreakerRegistry.ofDefaults();
        registry.circuitBreaker("payments");
        return registry;
    }
}
