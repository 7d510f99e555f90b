package dev.circuitbreaker.spring.refresh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.circuitbreaker.CircuitBreaker;
import dev.circuitbreaker.CircuitBreakerRegistry;
import dev.circuitbreaker.CircuitState;
import dev.circuitbreaker.spring.StarterContext;
import dev.circuitbreaker.spring.actuate.CircuitBreakersEndpoint;
import dev.circuitbreaker.spring.autoconfigure.CircuitBreakerConfigurations;
import dev.circuitbreaker.spring.autoconfigure.CircuitBreakerProperties;
import dev.circuitbreaker.spring.autoconfigure.CircuitBreakerRefreshAutoConfiguration;
import dev.circuitbreaker.spring.metrics.CircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cloud.autoconfigure.ConfigurationPropertiesRebinderAutoConfiguration;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.core.env.MapPropertySource;

/**
 * Run-time reconfiguration through Spring Cloud's {@link EnvironmentChangeEvent}, with Spring Cloud's own
 * {@code ConfigurationPropertiesRebinder} in the context as in a real application: a changed value reaches the live
 * breaker without losing its identity, counters or state, and a bad one is an ERROR that changes nothing.
 */
@ExtendWith(OutputCaptureExtension.class)
class RuntimeReconfigurationTests {

    /** The property source the tests change, as a ConfigMap reload or a config server would. */
    final Map<String, Object> live = new LinkedHashMap<>(Map.of(
            "circuitbreaker.instances.payments.failure-threshold", "3",
            "circuitbreaker.instances.payments.wait-duration-in-open-state", "1m"));

    final ApplicationContextRunner runner = StarterContext.runner()
            .withConfiguration(AutoConfigurations.of(CircuitBreakerRefreshAutoConfiguration.class,
                    ConfigurationPropertiesRebinderAutoConfiguration.class))
            .withInitializer(context -> context.getEnvironment().getPropertySources()
                    .addFirst(new MapPropertySource("live", live)));

    void change(AssertableApplicationContext context, String key, Object value) {
        if (value == null) {
            live.remove(key);
        } else {
            live.put(key, value);
        }
        context.publishEvent(new EnvironmentChangeEvent(context, Set.of(key)));
    }

    @Test
    void aChangedValueReachesTheLiveBreakerWhichKeepsItsIdentityCountersHistoryAndOpenState() {
        runner.run(context -> {
            CircuitBreaker payments = context.getBean(CircuitBreakerRegistry.class).circuitBreaker("payments");
            MeterRegistry meters = new SimpleMeterRegistry();
            new CircuitBreakerMetrics(context.getBean(CircuitBreakerRegistry.class)).bindTo(meters);
            for (int i = 0; i < 3; i++) {
                fail(payments);
            }
            assertThat(payments.state()).isEqualTo(CircuitState.OPEN);

            change(context, "circuitbreaker.instances.payments.failure-threshold", "5");
            change(context, "circuitbreaker.instances.payments.max-concurrent-calls", "4");

            CircuitBreaker after = context.getBean(CircuitBreakerRegistry.class).find("payments").orElseThrow();
            assertThat(after).isSameAs(payments);
            assertThat(after.config().failureThreshold()).isEqualTo(5);
            assertThat(after.state()).isEqualTo(CircuitState.OPEN);
            assertThat(after.stats().failedCalls()).isEqualTo(3);
            assertThat(after.history()).hasSize(3);
            assertThat(new CircuitBreakersEndpoint(context.getBean(CircuitBreakerRegistry.class)).breaker("payments").config())
                    .containsEntry("failureThreshold", 5).containsEntry("maxConcurrentCalls", 4);
            assertThat(meters.find("circuitbreaker.concurrent.calls").tag("name", "payments")
                    .gauge()).as("the bulkhead's gauge follows the new config").isNotNull();
        });
    }

    @Test
    void aChangedDefaultReachesBreakersThatOnlyAnnotationsOrCodeNamedButAnInstancesOwnValueWins() {
        runner.run(context -> {
            CircuitBreakerRegistry registry = context.getBean(CircuitBreakerRegistry.class);
            CircuitBreaker unconfigured = registry.circuitBreaker("search");
            change(context, "circuitbreaker.defaults.failure-threshold", "7");
            assertThat(unconfigured.config().failureThreshold()).isEqualTo(7);
            assertThat(registry.circuitBreaker("payments").config().failureThreshold()).isEqualTo(3);
            assertThat(context.getBean(CircuitBreakerConfigurations.class).circuitBreaker(registry, "created-later")
                    .config().failureThreshold()).as("a breaker first named after the change gets the new defaults")
                    .isEqualTo(7);
        });
    }

    @Test
    void badValuesAreErrorsNamingThePropertyAndTheValueAndChangeNothing(CapturedOutput output) {
        runner.run(context -> {
            CircuitBreaker payments = context.getBean(CircuitBreakerRegistry.class).circuitBreaker("payments");
            CircuitBreakerProperties liveProperties = context.getBean(CircuitBreakerProperties.class);
            for (String bad : new String[] {"abc", "-1", "0.5"}) {
                assertThatCode(() -> change(context, "circuitbreaker.instances.payments.failure-threshold", bad))
                        .as("the refresh itself never fails").doesNotThrowAnyException();
                assertThat(output).contains("circuitbreaker.instances.payments.failure-threshold").contains(bad);
                assertThat(payments.config().failureThreshold()).isEqualTo(3);
            }
            change(context, "circuitbreaker.instances.payments.failure-threshold", "3");
            change(context, "circuitbreaker.instances.payments.no-such-option", "1");
            assertThat(output).contains("circuitbreaker.instances.payments.no-such-option");
            change(context, "circuitbreaker.instances.payments.no-such-option", null);
            change(context, "circuitbreaker.instances.payments.sliding-window-size", "2");
            assertThat(output).as("a combination the core refuses").contains("must not exceed slidingWindowSize");
            assertThat(payments.config().slidingWindowSize()).isEqualTo(10);
            change(context, "circuitbreaker.instances.payments.sliding-window-size", null);
            change(context, "circuitbreaker.instances.payments.group", "bank");
            assertThat(output).contains("circuitbreaker.instances.payments.group=bank");
            assertThat(payments.config().group()).isNull();
            assertThat(liveProperties.getInstances().get("payments").getFailureThreshold())
                    .as("Spring Cloud's rebinder never touched the live properties").isEqualTo(3);
        });
    }

    static void fail(CircuitBreaker breaker) {
        try {
            breaker.call(() -> {
                throw new IOException("bank down");
            });
        } catch (Exception expected) {
            // a recorded failure
        }
    }
}
