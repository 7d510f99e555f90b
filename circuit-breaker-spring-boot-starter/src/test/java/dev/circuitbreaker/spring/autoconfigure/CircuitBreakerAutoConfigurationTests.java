package dev.circuitbreaker.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.circuitbreaker.CircuitBreakerConfig;
import dev.circuitbreaker.CircuitBreakerRegistry;
import dev.circuitbreaker.CircuitState;
import dev.circuitbreaker.SlidingWindowType;
import dev.circuitbreaker.spring.StarterContext;
import dev.circuitbreaker.spring.actuate.CircuitBreakersEndpoint;
import dev.circuitbreaker.spring.aop.CircuitBreakerAdvisor;
import dev.circuitbreaker.spring.metrics.CircuitBreakerMetrics;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class CircuitBreakerAutoConfigurationTests {

    private final ApplicationContextRunner runner = StarterContext.runner();

    @Test
    void withoutPropertiesTheRegistryUsesTheCoreDefaults() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(CircuitBreakerRegistry.class).hasSingleBean(CircuitBreakerAdvisor.class)
                    .hasSingleBean(CircuitBreakerMetrics.class);
            CircuitBreakerRegistry registry = context.getBean(CircuitBreakerRegistry.class);
            assertThat(registry.defaultConfig()).isEqualTo(CircuitBreakerConfig.ofDefaults());
            assertThat(registry.all()).isEmpty();
        });
    }

    @Test
    void defaultsBecomeTheRegistryDefaultConfig() {
        runner.withPropertyValues("circuitbreaker.defaults.failure-threshold=5",
                "circuitbreaker.defaults.wait-duration-in-open-state=7s").run(context -> {
                    CircuitBreakerConfig config = context.getBean(CircuitBreakerRegistry.class).defaultConfig();
                    assertThat(config.failureThreshold()).isEqualTo(5);
                    assertThat(config.waitDurationInOpenState()).isEqualTo(Duration.ofSeconds(7));
                });
    }

    @Test
    void configuredInstancesAreCreatedAtStartupWithInstanceValuesReplacingDefaultsKeyByKey() {
        runner.withPropertyValues(
                "circuitbreaker.defaults.failure-threshold=5",
                "circuitbreaker.defaults.success-threshold=3",
                "circuitbreaker.defaults.record-exceptions=java.io.IOException,java.util.concurrent.TimeoutException",
                "circuitbreaker.defaults.exception-thresholds.[java.io.IOException]=2",
                "circuitbreaker.instances.payments.failure-threshold=2",
                "circuitbreaker.instances.payments.sliding-window-type=time-based",
                "circuitbreaker.instances.payments.record-exceptions=java.lang.IllegalStateException",
                "circuitbreaker.instances.payments.exception-thresholds.[java.util.concurrent.TimeoutException]=2",
                "circuitbreaker.instances.inventory.history-size=0").run(context -> {
                    CircuitBreakerRegistry registry = context.getBean(CircuitBreakerRegistry.class);
                    assertThat(registry.all()).extracting(b -> b.name()).containsExactly("inventory", "payments");
                    CircuitBreakerConfig payments = registry.find("payments").orElseThrow().config();
                    assertThat(payments.failureThreshold()).isEqualTo(2);
                    assertThat(payments.successThreshold()).isEqualTo(3);
                    assertThat(payments.slidingWindowType()).isEqualTo(SlidingWindowType.TIME_BASED);
                    assertThat(payments.recordExceptions()).containsExactly(IllegalStateException.class);
                    assertThat(payments.exceptionThresholds()).containsEntry(TimeoutException.class, 2).hasSize(1);
                    CircuitBreakerConfig inventory = registry.find("inventory").orElseThrow().config();
                    assertThat(inventory.failureThreshold()).isEqualTo(5);
                    assertThat(inventory.historySize()).isZero();
                    assertThat(inventory.recordExceptions()).containsExactly(IOException.class, TimeoutException.class);
                    assertThat(inventory.exceptionThresholds()).containsExactly(Map.entry(IOException.class, 2));
                });
    }

    @Test
    void membersOfAGroupThatAgreeShareOneState() {
        runner.withPropertyValues("circuitbreaker.instances.a.group=cluster", "circuitbreaker.instances.b.group=cluster")
                .run(context -> {
                    CircuitBreakerRegistry registry = context.getBean(CircuitBreakerRegistry.class);
                    registry.find("a").orElseThrow().forceOpen();
                    assertThat(registry.find("b").orElseThrow().state()).isEqualTo(CircuitState.FORCED_OPEN);
                });
    }

    @Test
    void aUserDefinedRegistryWinsAndStillGetsTheConfiguredInstances() {
        runner.withUserConfiguration(UserRegistry.class)
                .withPropertyValues("circuitbreaker.instances.payments.failure-threshold=1").run(context -> {
                    CircuitBreakerRegistry registry = context.getBean(CircuitBreakerRegistry.class);
                    assertThat(registry).isSameAs(UserRegistry.REGISTRY);
                    assertThat(registry.find("payments").orElseThrow().config().failureThreshold()).isEqualTo(1);
                    assertThat(context).hasSingleBean(CircuitBreakerAdvisor.class);
                });
    }

    @Test
    void disablingTheStarterTurnsEveryPartOff() {
        runner.withPropertyValues("circuitbreaker.enabled=false", "circuitbreaker.instances.payments.failure-threshold=-1",
                "management.endpoints.web.exposure.include=*", "circuitbreaker.defaults.register-health-indicator=true")
                .run(context -> assertThat(context).hasNotFailed()
                        .doesNotHaveBean(CircuitBreakerRegistry.class)
                        .doesNotHaveBean(CircuitBreakerAdvisor.class)
                        .doesNotHaveBean(CircuitBreakersEndpoint.class)
                        .doesNotHaveBean(CircuitBreakerMetrics.class)
                        .doesNotHaveBean("circuitBreakersHealthIndicator"));
    }

    @Test
    void disablingTheStarterAlsoIgnoresAUserDefinedRegistry() {
        runner.withUserConfiguration(UserRegistry.class)
                .withPropertyValues("circuitbreaker.enabled=false", "management.endpoints.web.exposure.include=*")
                .run(context -> assertThat(context).hasSingleBean(CircuitBreakerRegistry.class)
                        .doesNotHaveBean(CircuitBreakerAdvisor.class)
                        .doesNotHaveBean(CircuitBreakersEndpoint.class)
                        .doesNotHaveBean(CircuitBreakerMetrics.class));
    }

    @Test
    void withoutActuatorOnTheClassPathTheBreakersAndTheAdviceStillWork() {
        // Boot 4 keeps the health API apart from the actuator package; hiding both is a class path without Actuator.
        runner.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate", "org.springframework.boot.health"))
                .withPropertyValues("management.endpoints.web.exposure.include=*",
                        "circuitbreaker.instances.payments.register-health-indicator=true")
                .run(context -> assertThat(context).hasNotFailed()
                        .hasSingleBean(CircuitBreakerRegistry.class)
                        .hasSingleBean(CircuitBreakerAdvisor.class)
                        .doesNotHaveBean(CircuitBreakersEndpoint.class)
                        .doesNotHaveBean("circuitBreakersHealthIndicator"));
    }

    @Test
    void withoutMicrometerOnTheClassPathThereAreNoMetersButEverythingElseWorks() {
        runner.withClassLoader(new FilteredClassLoader("io.micrometer"))
                .withPropertyValues("management.endpoints.web.exposure.include=circuitbreakers")
                .run(context -> assertThat(context).hasNotFailed()
                        .hasSingleBean(CircuitBreakerRegistry.class)
                        .hasSingleBean(CircuitBreakersEndpoint.class)
                        .doesNotHaveBean(CircuitBreakerMetrics.class));
    }

    @Test
    void theEndpointIsCreatedOnlyWhenItIsExposed() {
        runner.run(context -> assertThat(context).doesNotHaveBean(CircuitBreakersEndpoint.class));
        runner.withPropertyValues("management.endpoints.web.exposure.include=health")
                .run(context -> assertThat(context).doesNotHaveBean(CircuitBreakersEndpoint.class));
        runner.withPropertyValues("management.endpoints.web.exposure.include=circuitbreakers")
                .run(context -> assertThat(context).hasSingleBean(CircuitBreakersEndpoint.class));
        runner.withPropertyValues("management.endpoints.web.exposure.include=circuitbreakers",
                "management.endpoint.circuitbreakers.access=NONE")
                .run(context -> assertThat(context).doesNotHaveBean(CircuitBreakersEndpoint.class));
    }

    @Test
    void aUserDefinedEndpointOrMetricsBinderWins() {
        runner.withUserConfiguration(UserEndpointAndMetrics.class)
                .withPropertyValues("management.endpoints.web.exposure.include=circuitbreakers").run(context -> {
                    assertThat(context.getBean(CircuitBreakersEndpoint.class)).isSameAs(UserEndpointAndMetrics.ENDPOINT);
                    assertThat(context.getBean(CircuitBreakerMetrics.class)).isSameAs(UserEndpointAndMetrics.METRICS);
                });
    }

    @Test
    void theAdviceOrderComesFromTheAspectOrderProperty() {
        runner.run(context -> assertThat(context.getBean(CircuitBreakerAdvisor.class).getOrder())
                .isEqualTo(CircuitBreakerProperties.DEFAULT_ASPECT_ORDER));
        runner.withPropertyValues("circuitbreaker.aspect-order=42")
                .run(context -> assertThat(context.getBean(CircuitBreakerAdvisor.class).getOrder()).isEqualTo(42));
    }

    @Configuration(proxyBeanMethods = false)
    static class UserRegistry {

        static final CircuitBreakerRegistry REGISTRY = CircuitBreakerRegistry.ofDefaults();

        @Bean
        CircuitBreakerRegistry userRegistry() {
            return REGISTRY;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class UserEndpointAndMetrics {

        static final CircuitBreakersEndpoint ENDPOINT = new CircuitBreakersEndpoint(CircuitBreakerRegistry.ofDefaults());
        static final CircuitBreakerMetrics METRICS = new CircuitBreakerMetrics(CircuitBreakerRegistry.ofDefaults());

        @Bean
        CircuitBreakersEndpoint userEndpoint() {
            return ENDPOINT;
        }

        @Bean
        CircuitBreakerMetrics userMetrics() {
            return METRICS;
        }
    }
}
