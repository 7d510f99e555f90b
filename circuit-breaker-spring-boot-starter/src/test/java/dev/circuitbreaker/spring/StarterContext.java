package dev.circuitbreaker.spring;

import dev.circuitbreaker.spring.autoconfigure.CircuitBreakerAspectAutoConfiguration;
import dev.circuitbreaker.spring.autoconfigure.CircuitBreakerAutoConfiguration;
import dev.circuitbreaker.spring.autoconfigure.CircuitBreakerEndpointAutoConfiguration;
import dev.circuitbreaker.spring.autoconfigure.CircuitBreakerEventsEndpointAutoConfiguration;
import dev.circuitbreaker.spring.autoconfigure.CircuitBreakerHealthAutoConfiguration;
import dev.circuitbreaker.spring.autoconfigure.CircuitBreakerMetricsAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The starter's auto-configurations in an {@link ApplicationContextRunner}, for tests. */
public final class StarterContext {

    private StarterContext() {
    }

    public static ApplicationContextRunner runner() {
        return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(
                CircuitBreakerAutoConfiguration.class, CircuitBreakerAspectAutoConfiguration.class,
                CircuitBreakerEndpointAutoConfiguration.class, CircuitBreakerEventsEndpointAutoConfiguration.class,
                CircuitBreakerMetricsAutoConfiguration.class,
                CircuitBreakerHealthAutoConfiguration.class));
    }
}
