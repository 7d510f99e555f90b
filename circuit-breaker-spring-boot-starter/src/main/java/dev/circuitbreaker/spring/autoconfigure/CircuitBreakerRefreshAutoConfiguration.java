package dev.circuitbreaker.spring.autoconfigure;

import dev.circuitbreaker.CircuitBreakerRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Run-time reconfiguration: with Spring Cloud's context on the class path, changed {@code circuitbreaker.*} values
 * are applied to the live breakers on each {@code EnvironmentChangeEvent} ({@code /actuator/refresh}, a ConfigMap
 * reload); see {@link CircuitBreakerRefresher}.
 */
@AutoConfiguration(after = CircuitBreakerAutoConfiguration.class)
@ConditionalOnCircuitBreakerEnabled
@ConditionalOnClass(name = "org.springframework.cloud.context.environment.EnvironmentChangeEvent")
@ConditionalOnBean({CircuitBreakerRegistry.class, CircuitBreakerConfigurations.class})
public final class CircuitBreakerRefreshAutoConfiguration {

    @Bean
    CircuitBreakerRefresher circuitBreakerRefresher(ConfigurableEnvironment environment, CircuitBreakerRegistry registry,
            CircuitBreakerConfigurations configurations) {
        return new CircuitBreakerRefresher(environment, registry, configurations);
    }
}
