package dev.circuitbreaker.spring.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import dev.circuitbreaker.spring.autoconfigure.CircuitBreakerObservationAutoConfiguration;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.client.circuitbreaker.CircuitBreakerFactory;
import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreakerFactory;
import reactor.core.publisher.Mono;

/**
 * With {@code circuitbreaker.observations.enabled=true}, calls through Spring Cloud CircuitBreaker's factories are
 * observations {@code circuitbreaker.call} too, with the breaker named after the Spring Cloud id.
 */
class SpringCloudObservationTests {

    final ApplicationContextRunner runner = SpringCloudContext.runner()
            .withConfiguration(AutoConfigurations.of(CircuitBreakerObservationAutoConfiguration.class))
            .withBean(TestObservationRegistry.class, TestObservationRegistry::create)
            .withPropertyValues("circuitbreaker.observations.enabled=true");

    @Test
    void blockingAndReactiveCallsAreObservedWithTheirOutcome() {
        runner.run(context -> {
            CircuitBreakerFactory<?, ?> factory = context.getBean(CircuitBreakerFactory.class);
            assertThat(factory.create("bank").run(() -> "paid")).isEqualTo("paid");
            String deferred = factory.create("bank").run(() -> {
                throw new UncheckedIOException(new java.io.IOException("down"));
            }, error -> "deferred");
            assertThat(deferred).isEqualTo("deferred");
            ReactiveCircuitBreakerFactory<?, ?> reactive = context.getBean(ReactiveCircuitBreakerFactory.class);
            assertThat(reactive.create("bank-reactive").run(Mono.just("paid"), error -> Mono.just("deferred")).block())
                    .isEqualTo("paid");

            TestObservationRegistryAssert.assertThat(context.getBean(TestObservationRegistry.class))
                    .hasNumberOfObservationsWithNameEqualTo("circuitbreaker.call", 3)
                    .hasAnObservation(o -> o.hasLowCardinalityKeyValue("name", "bank")
                            .hasLowCardinalityKeyValue("outcome", "success"))
                    .hasAnObservation(o -> o.hasLowCardinalityKeyValue("name", "bank")
                            .hasLowCardinalityKeyValue("outcome", "failure").hasError())
                    .hasAnObservation(o -> o.hasLowCardinalityKeyValue("name", "bank-reactive")
                            .hasLowCardinalityKeyValue("outcome", "success"));
        });
    }

    @Test
    void offByDefault() {
        SpringCloudContext.runner().withBean(TestObservationRegistry.class, TestObservationRegistry::create).run(context -> {
            context.getBean(CircuitBreakerFactory.class).create("bank").run(() -> "paid");
            TestObservationRegistryAssert.assertThat(context.getBean(TestObservationRegistry.class)).doesNotHaveAnyObservation();
        });
    }
}
