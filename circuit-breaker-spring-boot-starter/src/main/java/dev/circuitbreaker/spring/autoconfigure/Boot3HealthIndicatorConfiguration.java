package dev.circuitbreaker.spring.autoconfigure;

import dev.circuitbreaker.CircuitBreakerRegistry;
import dev.circuitbreaker.spring.actuate.CircuitBreakersBoot3HealthIndicator;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The health indicator on Spring Boot 3 (health API in {@code spring-boot-actuator}). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass({HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class})
final class Boot3HealthIndicatorConfiguration {

    /** The enabled-indicator condition sits here: on the class it would be loaded before the class check. */
    @Bean(CircuitBreakerHealthAutoConfiguration.INDICATOR_BEAN_NAME)
    @ConditionalOnMissingBean(name = CircuitBreakerHealthAutoConfiguration.INDICATOR_BEAN_NAME)
    @ConditionalOnEnabledHealthIndicator("circuitbreakers")
    CircuitBreakersBoot3HealthIndicator circuitBreakersHealthIndicator(CircuitBreakerRegistry registry,
            CircuitBreakerConfigurations configurations) {
        return new CircuitBreakersBoot3HealthIndicator(CircuitBreakerHealthAutoConfiguration.health(registry, configurations));
    }
}
