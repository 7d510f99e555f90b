package dev.circuitbreaker.spring.autoconfigure;

import dev.circuitbreaker.CircuitBreakerRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The breakers: binds and validates {@code circuitbreaker.*}, provides a {@link CircuitBreakerRegistry} whose
 * default config is {@code circuitbreaker.defaults} (unless the application defines its own registry), and creates
 * every configured instance at startup.
 */
@AutoConfiguration
@ConditionalOnCircuitBreakerEnabled
@EnableConfigurationProperties(CircuitBreakerProperties.class)
public final class CircuitBreakerAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    CircuitBreakerConfigurations circuitBreakerConfigurations(CircuitBreakerProperties properties, Environment environment) {
        return new CircuitBreakerConfigurations(properties, environment::getProperty);
    }

    @Bean
    @ConditionalOnMissingBean
    CircuitBreakerRegistry circuitBreakerRegistry(CircuitBreakerConfigurations configurations) {
        return CircuitBreakerRegistry.of(configurations.defaultConfig());
    }

    @Bean
    ConfiguredInstancesCreator circuitBreakerInstancesCreator(CircuitBreakerRegistry registry,
            CircuitBreakerConfigurations configurations) {
        return new ConfiguredInstancesCreator(registry, configurations);
    }
}
