package dev.circuitbreaker.spring.autoconfigure;

import dev.circuitbreaker.CircuitBreakerRegistry;
import dev.circuitbreaker.spring.metrics.CircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Micrometer meters for the breakers, as a {@link MeterBinder} bean that Boot binds to every meter registry. Only a
 * binder, so it uses none of the metrics auto-configuration classes that Boot 4 moved.
 */
@AutoConfiguration(after = CircuitBreakerAutoConfiguration.class)
@ConditionalOnCircuitBreakerEnabled
@ConditionalOnClass({MeterRegistry.class, MeterBinder.class})
@ConditionalOnBean(CircuitBreakerRegistry.class)
public final class CircuitBreakerMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    CircuitBreakerMetrics circuitBreakerMetrics(CircuitBreakerRegistry registry) {
        return new CircuitBreakerMetrics(registry);
    }
}
