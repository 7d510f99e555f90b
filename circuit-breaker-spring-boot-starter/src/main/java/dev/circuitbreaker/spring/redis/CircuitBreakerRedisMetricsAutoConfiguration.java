package dev.circuitbreaker.spring.redis;

import dev.circuitbreaker.CircuitBreakerRegistry;
import dev.circuitbreaker.redis.RedisGroupStore;
import dev.circuitbreaker.spring.autoconfigure.CircuitBreakerAutoConfiguration;
import dev.circuitbreaker.spring.autoconfigure.ConditionalOnCircuitBreakerEnabled;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The meter {@code circuitbreaker.group.store.connected} (tag {@code group}) of every shared group, when Micrometer
 * and {@code circuit-breaker-redis} are present.
 */
@AutoConfiguration(after = CircuitBreakerAutoConfiguration.class)
@ConditionalOnCircuitBreakerEnabled
@ConditionalOnClass({RedisGroupStore.class, MeterRegistry.class, MeterBinder.class})
@ConditionalOnBean(CircuitBreakerRegistry.class)
public final class CircuitBreakerRedisMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    GroupStoreMetrics circuitBreakerGroupStoreMetrics(CircuitBreakerRegistry registry) {
        return new GroupStoreMetrics(registry);
    }
}
