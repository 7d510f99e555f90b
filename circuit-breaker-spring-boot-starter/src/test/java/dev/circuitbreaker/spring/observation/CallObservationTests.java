package dev.circuitbreaker.spring.observation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.circuitbreaker.CircuitBreakerRegistry;
import dev.circuitbreaker.spring.CircuitBreaker;
import dev.circuitbreaker.spring.StarterContext;
import dev.circuitbreaker.spring.autoconfigure.CircuitBreakerObservationAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.test.simple.SimpleSpan;
import io.micrometer.tracing.test.simple.SimpleTracer;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Mono;

/**
 * {@code circuitbreaker.observations.enabled=true}: each call through an annotated method is an observation
 * {@code circuitbreaker.call} with the keys name, state and outcome, a child of the current observation; a timer
 * where a meter handler is registered and a span where a tracer is. Off by default.
 */
class CallObservationTests {

    final ApplicationContextRunner runner = StarterContext.runner()
            .withConfiguration(AutoConfigurations.of(CircuitBreakerObservationAutoConfiguration.class))
            .withUserConfiguration(Beans.class)
            .withPropertyValues("circuitbreaker.observations.enabled=true",
                    "circuitbreaker.instances.payments.ignore-exceptions=java.lang.IllegalArgumentException",
                    "circuitbreaker.instances.payments.max-concurrent-calls=1");

    @Configuration(proxyBeanMethods = false)
    static class Beans {
        @Bean
        TestObservationRegistry observationRegistry() {
            return TestObservationRegistry.create();
        }

        @Bean
        Payments payments() {
            return new Payments();
        }
    }

    /** Class-proxied: its state is reached through methods, which the proxy hands to the target. */
    static class Payments {
        private volatile RuntimeException next;
        private volatile CompletableFuture<String> pending;

        public void failNextWith(RuntimeException error) {
            next = error;
        }

        public CompletableFuture<String> pending() {
            return pending;
        }

        @CircuitBreaker(name = "payments")
        public String charge(String txn) throws IOException {
            RuntimeException error = next;
            if (error != null) {
                throw error;
            }
            if ("io".equals(txn)) {
                throw new IOException("bank down");
            }
            return "charged:" + txn;
        }

        @CircuitBreaker(name = "payments")
        public CompletionStage<String> chargeLater(String txn) {
            pending = new CompletableFuture<>();
            return pending;
        }

        @CircuitBreaker(name = "payments")
        public Mono<String> chargeReactively(String txn) {
            return "io".equals(txn) ? Mono.error(new IOException("bank down")) : Mono.just("charged:" + txn);
        }
    }

    static TestObservationRegistry observations(org.springframework.context.ApplicationContext context) {
        return context.getBean(TestObservationRegistry.class);
    }

    @Test
    void eachOutcomeIsAnObservationWithNameStateAndOutcome() {
        runner.run(context -> {
            Payments payments = context.getBean(Payments.class);
            CircuitBreakerRegistry registry = context.getBean(CircuitBreakerRegistry.class);
            payments.charge("ok");
            catchThrowable(() -> payments.charge("io"));
            payments.failNextWith(new IllegalArgumentException("bad txn"));
            catchThrowable(() -> payments.charge("bad"));
            payments.failNextWith(null);
            CompletionStage<String> held = payments.chargeLater("held");
            catchThrowable(() -> payments.charge("while-held"));
            held.toCompletableFuture().complete("done");
            registry.find("payments").orElseThrow().forceOpen();
            catchThrowable(() -> payments.charge("rejected"));

            TestObservationRegistryAssert.assertThat(observations(context))
                    .hasNumberOfObservationsWithNameEqualTo(MicrometerCallObserver.NAME, 6)
                    .hasAnObservation(o -> o.hasLowCardinalityKeyValue("name", "payments")
                            .hasLowCardinalityKeyValue("state", "closed").hasLowCardinalityKeyValue("outcome", "success"))
                    .hasAnObservation(o -> o.hasLowCardinalityKeyValue("outcome", "failure").hasError())
                    .hasAnObservation(o -> o.hasLowCardinalityKeyValue("outcome", "ignored"))
                    .hasAnObservation(o -> o.hasLowCardinalityKeyValue("outcome", "bulkhead_full"))
                    .hasAnObservation(o -> o.hasLowCardinalityKeyValue("outcome", "not_permitted")
                            .hasLowCardinalityKeyValue("state", "forced_open"));
        });
    }

    @Test
    void anAsyncCallIsObservedUntilItsStageCompletes() {
        runner.run(context -> {
            Payments payments = context.getBean(Payments.class);
            payments.chargeLater("t1");
            TestObservationRegistryAssert.assertThat(observations(context)).hasObservationWithNameEqualTo(MicrometerCallObserver.NAME)
                    .that().hasBeenStarted().isNotStopped();
            payments.pending().completeExceptionally(new IOException("bank down"));
            TestObservationRegistryAssert.assertThat(observations(context)).hasObservationWithNameEqualTo(MicrometerCallObserver.NAME)
                    .that().hasBeenStopped().hasLowCardinalityKeyValue("outcome", "failure");
        });
    }

    @Test
    void aReactiveCallIsObservedPerSubscriptionAsAChildOfTheSubscribersObservation() {
        runner.run(context -> {
            Payments payments = context.getBean(Payments.class);
            Observation parent = Observation.start("http.server.requests", observations(context));
            Mono<String> charge = payments.chargeReactively("io").onErrorReturn("fallback");
            TestObservationRegistryAssert.assertThat(observations(context))
                    .doesNotHaveAnyRemainingCurrentObservation();
            assertThat(charge.contextWrite(c -> c.put("micrometer.observation", parent)).block()).isEqualTo("fallback");
            parent.stop();
            TestObservationRegistryAssert.assertThat(observations(context)).hasObservationWithNameEqualTo(MicrometerCallObserver.NAME)
                    .that().hasParentObservationEqualTo(parent).hasLowCardinalityKeyValue("outcome", "failure");
        });
    }

    @Test
    void aCallIsAChildOfTheCurrentObservation() {
        runner.run(context -> {
            Payments payments = context.getBean(Payments.class);
            Observation parent = Observation.start("http.server.requests", observations(context));
            try (Observation.Scope scope = parent.openScope()) {
                payments.charge("ok");
            }
            parent.stop();
            TestObservationRegistryAssert.assertThat(observations(context)).hasObservationWithNameEqualTo(MicrometerCallObserver.NAME)
                    .that().hasParentObservationEqualTo(parent);
        });
    }

    @Test
    void withAMeterHandlerACircuitBreakerCallTimerAppearsAndWithATracerASpanNamesTheBreaker() {
        StarterContext.runner().withConfiguration(AutoConfigurations.of(CircuitBreakerObservationAutoConfiguration.class))
                .withPropertyValues("circuitbreaker.observations.enabled=true")
                .withBean(Payments.class, Payments::new)
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new).withBean(SimpleTracer.class, SimpleTracer::new)
                .withBean(ObservationRegistry.class, ObservationRegistry::create)
                .run(context -> {
                    ObservationRegistry registry = context.getBean(ObservationRegistry.class);
                    registry.observationConfig()
                            .observationHandler(new DefaultMeterObservationHandler(context.getBean(MeterRegistry.class)))
                            .observationHandler(new DefaultTracingObservationHandler(context.getBean(SimpleTracer.class)));
                    catchThrowable(() -> context.getBean(Payments.class).charge("io"));

                    assertThat(context.getBean(MeterRegistry.class).find("circuitbreaker.call")
                            .tags("name", "payments", "state", "closed", "outcome", "failure").timer())
                            .isNotNull().satisfies(timer -> assertThat(timer.count()).isEqualTo(1));
                    SimpleSpan span = context.getBean(SimpleTracer.class).onlySpan();
                    assertThat(span.getName()).isEqualTo("circuitbreaker payments");
                    assertThat(span.getTags()).containsEntry("name", "payments").containsEntry("outcome", "failure");
                    assertThat(span.getError()).isInstanceOf(IOException.class);
                });
    }

    @Test
    void offByDefaultAndSwitchedOnWithoutARegistryItFailsStartupNamingTheProperty() {
        StarterContext.runner().withConfiguration(AutoConfigurations.of(CircuitBreakerObservationAutoConfiguration.class))
                .withUserConfiguration(Beans.class).run(context -> {
                    context.getBean(Payments.class).charge("ok");
                    TestObservationRegistryAssert.assertThat(observations(context)).doesNotHaveAnyObservation();
                });
        StarterContext.runner().withConfiguration(AutoConfigurations.of(CircuitBreakerObservationAutoConfiguration.class))
                .withBean(Payments.class, Payments::new)
                .withPropertyValues("circuitbreaker.observations.enabled=true")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("circuitbreaker.observations.enabled=true")
                        .hasStackTraceContaining("ObservationRegistry"));
    }
}
