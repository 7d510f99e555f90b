package dev.circuitbreaker.spring.cloud;

import dev.circuitbreaker.spring.autoconfigure.CircuitBreakerAutoConfiguration;
import dev.circuitbreaker.spring.cloud.autoconfigure.SpringCloudCircuitBreakerAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The starter's breakers and this module's factories in an {@link ApplicationContextRunner}, for tests. */
final class SpringCloudContext {

    private SpringCloudContext() {
    }

    static ApplicationContextRunner runner() {
        return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(
                CircuitBreakerAutoConfiguration.class, SpringCloudCircuitBreakerAutoConfiguration.class));
    }
}
