package dev.circuitbreaker.spring.cloud.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.circuitbreaker.CircuitBreakerRegistry;
import dev.circuitbreaker.spring.autoconfigure.CircuitBreakerAutoConfiguration;
import dev.circuitbreaker.spring.autoconfigure.CircuitBreakerRefreshAutoConfiguration;
import dev.circuitbreaker.spring.cloud.RegistryCircuitBreakerFactory;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.cloud.client.circuitbreaker.CircuitBreakerFactory;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Run-time changes of {@code circuitbreaker.*} reach the Spring Cloud breakers that YAML configures, and leave alone
 * those configured in code through the factory (a refresh must not reset them to {@code circuitbreaker.defaults}).
 */
class CodeConfiguredBreakersRefreshTests {

    @Test
    void aDefaultsChangeReachesYamlGovernedBreakersAndLeavesCodeConfiguredOnesAlone() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(CircuitBreakerAutoConfiguration.class,
                        CircuitBreakerRefreshAutoConfiguration.class, SpringCloudCircuitBreakerAutoConfiguration.class))
                .withUserConfiguration(CodeConfigured.class)
                .withPropertyValues("circuitbreaker.defaults.failure-threshold=4",
                        "circuitbreaker.instances.BankClientbalanceString.failure-threshold=2")
                .run(context -> {
                    CircuitBreakerFactory<?, ?> factory = context.getBean(CircuitBreakerFactory.class);
                    CircuitBreakerRegistry registry = context.getBean(CircuitBreakerRegistry.class);
                    factory.create("reports");
                    factory.create("plain");
                    factory.create("BankClientbalanceString");

                    TestPropertyValues.of("circuitbreaker.defaults.failure-threshold=6",
                            "circuitbreaker.instances.BankClientbalanceString.failure-threshold=1").applyTo(context);
                    context.publishEvent(new EnvironmentChangeEvent(context, Set.of(
                            "circuitbreaker.defaults.failure-threshold",
                            "circuitbreaker.instances.BankClientbalanceString.failure-threshold")));

                    assertThat(registry.find("plain").orElseThrow().config().failureThreshold()).isEqualTo(6);
                    assertThat(registry.find("BankClientbalanceString").orElseThrow().config().failureThreshold())
                            .isEqualTo(1);
                    assertThat(registry.find("reports").orElseThrow().config().failureThreshold())
                            .as("configured in code, not by circuitbreaker.*").isEqualTo(9);
                });
    }

    @Configuration(proxyBeanMethods = false)
    static class CodeConfigured {

        @Bean
        Customizer<RegistryCircuitBreakerFactory> reports() {
            return factory -> factory.configure(builder -> builder.options(o -> o.failureThreshold(9)), "reports");
        }
    }
}
