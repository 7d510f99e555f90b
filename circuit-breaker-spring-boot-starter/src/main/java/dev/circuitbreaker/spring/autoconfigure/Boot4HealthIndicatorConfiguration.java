package dev.circuitbreaker.spring.autoconfigure;

import dev.circuitbreaker.CircuitBreakerRegistry;
import dev.circuitbreaker.spring.actuate.CircuitBreakersBoot4HealthIndicator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The health indicator on Spring Boot 4 (health API in {@code spring-boot-health}). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass({HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class})
final class Boot4HealthIndicatorConfiguration {

    /** The enabled-indicator condition sits here: on the class it would be loaded before the class check. */
    @Bean(CircuitBreakerHealthAutoConfiguration.INDICATOR_BEAN_NAME)
    @ConditionalOnMissingBean(name = CircuitBreakerHealthAutoConfiguration.INDICATOR_BEAN_NAME)
    @ConditionalOnEnabledHealthIndicator("circuitbreakers")
    CircuitBreakersBoot4HealthIndicator circuitBreakersHealthIndicator(CircuitBreakerRegistry registry,
            CircuitBreakerConfigurations configurations) {
        return new CircuitBreakersBoot4HealthIndicator(CircuitBreakerHealthAutoConfiguration.health(registry, configurations));
    }
}
