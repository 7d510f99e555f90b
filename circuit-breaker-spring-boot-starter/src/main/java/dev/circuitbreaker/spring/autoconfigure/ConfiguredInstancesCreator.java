package dev.circuitbreaker.spring.autoconfigure;

import dev.circuitbreaker.CircuitBreakerRegistry;
import org.springframework.beans.factory.InitializingBean;

/**
 * Creates the breaker of every {@code circuitbreaker.instances} entry when the application starts, in whichever
 * registry the application uses (the starter's or its own), so the endpoint, meters and health see them before the
 * first call and a group conflict fails startup.
 */
final class ConfiguredInstancesCreator implements InitializingBean {

    private final CircuitBreakerRegistry registry;
    private final CircuitBreakerConfigurations configurations;

    ConfiguredInstancesCreator(CircuitBreakerRegistry registry, CircuitBreakerConfigurations configurations) {
        this.registry = registry;
        this.configurations = configurations;
    }

    @Override
    public void afterPropertiesSet() {
        configurations.createInstances(registry);
    }
}
