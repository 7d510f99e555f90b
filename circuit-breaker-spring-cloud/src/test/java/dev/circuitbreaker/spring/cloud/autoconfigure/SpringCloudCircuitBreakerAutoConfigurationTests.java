package dev.circuitbreaker.spring.cloud.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.circuitbreaker.CircuitBreakerConfig;
import dev.circuitbreaker.CircuitBreakerRegistry;
import dev.circuitbreaker.spring.autoconfigure.CircuitBreakerAutoConfiguration;
import dev.circuitbreaker.spring.cloud.RegistryCircuitBreakerFactory;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.client.circuitbreaker.CircuitBreaker;
import org.springframework.cloud.client.circuitbreaker.CircuitBreakerFactory;
import org.springframework.cloud.client.circuitbreaker.ConfigBuilder;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/** Each conditional branch of the factories' auto-configuration, and what Customizer beans may do. */
class SpringCloudCircuitBreakerAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(
            CircuitBreakerAutoConfiguration.class, SpringCloudCircuitBreakerAutoConfiguration.class));

    @Test
    void providesTheRegistryBackedFactoryByDefault() {
        runner.run(context -> assertThat(context).hasSingleBean(CircuitBreakerFactory.class)
                .getBean(CircuitBreakerFactory.class).isInstanceOf(RegistryCircuitBreakerFactory.class));
    }

    @Test
    void backsOffWhenTheApplicationDefinesAFactory() {
        runner.withUserConfiguration(OwnFactory.class).run(context -> assertThat(context)
                .hasSingleBean(CircuitBreakerFactory.class).doesNotHaveBean(RegistryCircuitBreakerFactory.class));
    }

    @Test
    void isOffWithTheStarter() {
        runner.withPropertyValues("circuitbreaker.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(CircuitBreakerFactory.class));
    }

    @Test
    void isOffWithoutSpringCloudCommons() {
        runner.withClassLoader(new FilteredClassLoader(CircuitBreakerFactory.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(RegistryCircuitBreakerFactory.class));
    }

    @Test
    void customizerBeansConfigureIdsInTheirOrderStartingFromTheYamlDefaults() {
        runner.withUserConfiguration(Customizers.class).withPropertyValues("circuitbreaker.defaults.success-threshold=3")
                .run(context -> {
                    CircuitBreakerFactory<?, ?> factory = context.getBean(CircuitBreakerFactory.class);
                    CircuitBreakerRegistry registry = context.getBean(CircuitBreakerRegistry.class);

                    factory.create("slow");
                    factory.create("anything-else");

                    CircuitBreakerConfig slow = registry.circuitBreaker("slow").config();
                    assertThat(slow.failureThreshold()).as("the later customizer wins").isEqualTo(2);
                    assertThat(slow.waitDurationInOpenState()).as("set by the first").isEqualTo(Duration.ofSeconds(30));
                    assertThat(slow.successThreshold()).as("the YAML default underneath").isEqualTo(3);
                    assertThat(registry.circuitBreaker("anything-else").config().failureThreshold())
                            .as("configureDefault for ids configured nowhere else").isEqualTo(7);
                });
    }

    @Test
    void configuringAYamlInstanceInCodeTooFailsStartupNamingTheProperty() {
        runner.withUserConfiguration(CustomizesYamlInstance.class)
                .withPropertyValues("circuitbreaker.instances.payments.failure-threshold=2")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("circuitbreaker.instances.payments")
                        .hasMessageContaining("configure it in one place"));
    }

    @Test
    void anInvalidConfigInCodeFailsStartupNamingTheOptionAndTheId() {
        runner.withUserConfiguration(InvalidCustomizer.class)
                .run(context -> assertThat(context).hasFailed().getFailure().hasStackTraceContaining(
                        "IllegalArgumentException: Spring Cloud circuit breaker 'broken': failureThreshold must be >= 0 "
                                + "but was -1"));
    }

    @Configuration(proxyBeanMethods = false)
    static class Customizers {

        @Bean
        @Order(1)
        Customizer<RegistryCircuitBreakerFactory> first() {
            return factory -> factory.configure(builder -> builder.options(o -> o.failureThreshold(1)
                    .waitDurationInOpenState(Duration.ofSeconds(30))), "slow");
        }

        @Bean
        @Order(2)
        Customizer<RegistryCircuitBreakerFactory> second() {
            return factory -> {
                factory.configure(builder -> builder.options(o -> o.failureThreshold(2)
                        .waitDurationInOpenState(Duration.ofSeconds(30))), "slow");
                factory.configureDefault(id -> CircuitBreakerConfig.builder().failureThreshold(7).build());
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class CustomizesYamlInstance {

        @Bean
        Customizer<RegistryCircuitBreakerFactory> payments() {
            return factory -> factory.configure(builder -> builder.options(o -> o.failureThreshold(5)), "payments");
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class InvalidCustomizer {

        @Bean
        Customizer<RegistryCircuitBreakerFactory> broken() {
            return factory -> factory.configure(builder -> builder.options(o -> o.failureThreshold(-1)), "broken");
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnFactory {

        @Bean
        CircuitBreakerFactory<Object, ConfigBuilder<Object>> ownFactory() {
            return new CircuitBreakerFactory<>() {
                @Override
                public CircuitBreaker create(String id) {
                    return new CircuitBreaker() {
                        @Override
                        public <T> T run(Supplier<T> toRun, Function<Throwable, T> fallback) {
                            return toRun.get();
                        }
                    };
                }

                @Override
                protected ConfigBuilder<Object> configBuilder(String id) {
                    return Object::new;
                }

                @Override
                public void configureDefault(Function<String, Object> defaultConfiguration) {
                }
            };
        }
    }
}
