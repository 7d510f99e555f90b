package dev.circuitbreaker.spring.autoconfigure;

import dev.circuitbreaker.CircuitBreakerRegistry;
import dev.circuitbreaker.Ticker;
import dev.circuitbreaker.group.GroupStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The breakers: binds and validates {@code circuitbreaker.*}, provides a {@link CircuitBreakerRegistry} whose
 * default config is {@code circuitbreaker.defaults} (unless the application defines its own registry), and creates
 * every configured instance at startup. The registry's breakers measure time with the context's {@link Ticker} bean
 * if there is one (a test's {@code ManualTicker}, say), else with {@link Ticker#systemTicker()}. Groups set
 * {@code shared: true} under {@code circuitbreaker.groups} are shared through the context's {@link GroupStore} (the
 * Redis one of {@code CircuitBreakerRedisAutoConfiguration}).
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
    SharedGroups circuitBreakerSharedGroups(CircuitBreakerProperties properties, Environment environment) {
        return new SharedGroups(properties.getGroups(), environment::getProperty);
    }

    @Bean
    @ConditionalOnMissingBean
    CircuitBreakerRegistry circuitBreakerRegistry(CircuitBreakerConfigurations configurations, ObjectProvider<Ticker> ticker,
            SharedGroups sharedGroups, ObjectProvider<GroupStore> groupStore) {
        CircuitBreakerRegistry.Builder registry = CircuitBreakerRegistry.builder().defaultConfig(configurations.defaultConfig());
        // Groups under circuitbreaker.groups with shared: true, through the group store of the Redis module.
        sharedGroups.applyTo(registry, sharedGroups.configs().isEmpty() ? null : groupStore.getIfAvailable());
        // getIfAvailable: several Ticker beans (none of them @Primary) fail startup, naming them.
        Ticker contextTicker = ticker.getIfAvailable();
        if (contextTicker != null) {
            registry.ticker(contextTicker);
        }
        return registry.build();
    }

    @Bean
    ConfiguredInstancesCreator circuitBreakerInstancesCreator(CircuitBreakerRegistry registry,
            CircuitBreakerConfigurations configurations) {
        return new ConfiguredInstancesCreator(registry, configurations);
    }
}
