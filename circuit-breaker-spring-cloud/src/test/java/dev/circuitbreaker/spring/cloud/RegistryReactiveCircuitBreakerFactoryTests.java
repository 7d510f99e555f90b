package dev.circuitbreaker.spring.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import dev.circuitbreaker.CallNotPermittedException;
import dev.circuitbreaker.CircuitBreakerOpenException;
import dev.circuitbreaker.CircuitBreakerRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.cloud.client.circuitbreaker.NoFallbackAvailableException;
import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreaker;
import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreakerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** The reactive factory's contract: per-subscription permits, outcomes at terminal signals, fallbacks, callTimeout. */
class RegistryReactiveCircuitBreakerFactoryTests {

    private static final IOException DOWN = new IOException("bank is down");

    @Test
    void aMonoRunsThroughTheRegistrysBreakerNamedByTheId() {
        SpringCloudContext.runner().run(context -> {
            ReactiveCircuitBreaker breaker = context.getBean(ReactiveCircuitBreakerFactory.class).create("payments");
            CircuitBreakerRegistry registry = context.getBean(CircuitBreakerRegistry.class);

            StepVerifier.create(breaker.run(Mono.just("charged"))).expectNext("charged").verifyComplete();
            StepVerifier.create(breaker.run(Mono.<String>empty())).verifyComplete();

            assertThat(registry.circuitBreaker("payments").stats().successfulCalls()).isEqualTo(2);
        });
    }

    @Test
    void theFallbackGetsTheCalleesErrorThenTheRejectionWithoutSubscribingToTheSource() {
        SpringCloudContext.runner().run(context -> {
            ReactiveCircuitBreaker breaker = context.getBean(ReactiveCircuitBreakerFactory.class).create("payments");
            AtomicInteger subscriptions = new AtomicInteger();
            Mono<String> failing = Mono.defer(() -> {
                subscriptions.incrementAndGet();
                return Mono.error(DOWN);
            });
            AtomicReference<Throwable> seen = new AtomicReference<>();
            Mono<String> guarded = breaker.run(failing, error -> {
                seen.set(error);
                return Mono.just("deferred");
            });

            for (int i = 0; i < 3; i++) {
                StepVerifier.create(guarded).expectNext("deferred").verifyComplete();
                assertThat(seen.get()).isSameAs(DOWN);
            }
            StepVerifier.create(guarded).expectNext("deferred").verifyComplete();

            assertThat(seen.get()).isInstanceOf(CircuitBreakerOpenException.class);
            assertThat(subscriptions).as("the rejected subscription never reached the source").hasValue(3);
        });
    }

    @Test
    void aMonoAssembledWhileClosedAndSubscribedWhileOpenIsRejected() {
        SpringCloudContext.runner().run(context -> {
            ReactiveCircuitBreaker breaker = context.getBean(ReactiveCircuitBreakerFactory.class).create("payments");
            Mono<String> assembledWhileClosed = breaker.run(Mono.just("charged"));

            context.getBean(CircuitBreakerRegistry.class).circuitBreaker("payments").transitionToOpen();

            StepVerifier.create(assertedCause(assembledWhileClosed)).expectNextMatches(CircuitBreakerOpenException.class::isInstance)
                    .verifyComplete();
        });
    }

    @Test
    void aFluxThatEmitsThenErrorsIsAFailureAndOneThatCompletesASuccess() {
        SpringCloudContext.runner().run(context -> {
            ReactiveCircuitBreaker breaker = context.getBean(ReactiveCircuitBreakerFactory.class).create("ledger");
            dev.circuitbreaker.CircuitBreaker ledger = context.getBean(CircuitBreakerRegistry.class).circuitBreaker("ledger");

            StepVerifier.create(breaker.run(Flux.just(1, 2).concatWith(Flux.error(DOWN)), error -> Flux.just(-1)))
                    .expectNext(1, 2, -1).verifyComplete();
            StepVerifier.create(breaker.run(Flux.just(1, 2, 3))).expectNext(1, 2, 3).verifyComplete();

            assertThat(ledger.stats().failedCalls()).isEqualTo(1);
            assertThat(ledger.stats().successfulCalls()).isEqualTo(1);
        });
    }

    @Test
    void withoutAFallbackTheSubscriberGetsNoFallbackAvailableExceptionWithTheCause() {
        SpringCloudContext.runner().run(context -> {
            ReactiveCircuitBreaker breaker = context.getBean(ReactiveCircuitBreakerFactory.class).create("payments");

            StepVerifier.create(breaker.run(Mono.error(DOWN)))
                    .verifyErrorSatisfies(error -> assertThat(error).isInstanceOf(NoFallbackAvailableException.class)
                            .hasCauseReference(DOWN));
            StepVerifier.create(breaker.run(Flux.error(DOWN)))
                    .verifyErrorSatisfies(error -> assertThat(error).isInstanceOf(NoFallbackAvailableException.class)
                            .hasCauseReference(DOWN));
        });
    }

    @Test
    void aCancelledSubscriptionFreesItsBulkheadPlaceAndCountsAsIgnored() {
        SpringCloudContext.runner().withPropertyValues("circuitbreaker.instances.payments.max-concurrent-calls=1")
                .run(context -> {
                    ReactiveCircuitBreaker breaker = context.getBean(ReactiveCircuitBreakerFactory.class).create("payments");
                    dev.circuitbreaker.CircuitBreaker payments =
                            context.getBean(CircuitBreakerRegistry.class).circuitBreaker("payments");
                    AtomicBoolean sourceCancelled = new AtomicBoolean();

                    StepVerifier.create(breaker.run(Mono.never().doOnCancel(() -> sourceCancelled.set(true))))
                            .expectSubscription().thenCancel().verify();

                    assertThat(sourceCancelled).isTrue();
                    assertThat(payments.stats().ignoredCalls()).isEqualTo(1);
                    assertThat(payments.stats().concurrentCalls()).isZero();
                    StepVerifier.create(breaker.run(Mono.just("next"))).expectNext("next").verifyComplete();
                });
    }

    @Test
    void aFullBulkheadRejectsWithBulkheadFullException() {
        SpringCloudContext.runner().withPropertyValues("circuitbreaker.instances.payments.max-concurrent-calls=1")
                .run(context -> {
                    ReactiveCircuitBreaker breaker = context.getBean(ReactiveCircuitBreakerFactory.class).create("payments");
                    StepVerifier.create(breaker.run(Mono.never())).expectSubscription().then(() ->
                            StepVerifier.create(assertedCause(breaker.run(Mono.just("second"))))
                                    .expectNextMatches(error -> error instanceof CallNotPermittedException
                                            && !(error instanceof CircuitBreakerOpenException))
                                    .verifyComplete())
                            .thenCancel().verify();
                });
    }

    @Test
    void theCallTimeoutFailsTheCallWithTimeoutExceptionAndCancelsTheSource() {
        SpringCloudContext.runner().withPropertyValues("circuitbreaker.instances.slow.call-timeout=2s")
                .run(context -> {
                    ReactiveCircuitBreaker breaker = context.getBean(ReactiveCircuitBreakerFactory.class).create("slow");
                    dev.circuitbreaker.CircuitBreaker slow = context.getBean(CircuitBreakerRegistry.class).circuitBreaker("slow");
                    AtomicBoolean monoCancelled = new AtomicBoolean();
                    AtomicBoolean fluxCancelled = new AtomicBoolean();

                    StepVerifier.withVirtualTime(() -> breaker.run(Mono.never().doOnCancel(() -> monoCancelled.set(true)),
                                    error -> Mono.just(error)))
                            .expectSubscription().thenAwait(Duration.ofSeconds(2))
                            .expectNextMatches(TimeoutException.class::isInstance).verifyComplete();
                    StepVerifier.withVirtualTime(() -> breaker.run(Flux.interval(Duration.ofSeconds(1))
                                            .doOnCancel(() -> fluxCancelled.set(true)).map(Object.class::cast),
                                    error -> Flux.just(error)))
                            .expectSubscription().thenAwait(Duration.ofSeconds(2))
                            .expectNext(0L).expectNextMatches(TimeoutException.class::isInstance).verifyComplete();

                    assertThat(monoCancelled).isTrue();
                    assertThat(fluxCancelled).as("the whole stream has the deadline, not each value").isTrue();
                    assertThat(slow.stats().failedCalls()).isEqualTo(2);
                });
    }

    @Test
    void customizerBeansOfTheReactiveFactoryRunAndItBacksOffForTheApplicationsOwn() {
        SpringCloudContext.runner().withUserConfiguration(ReactiveCustomizer.class).run(context -> {
            context.getBean(ReactiveCircuitBreakerFactory.class).create("reports");
            assertThat(context.getBean(CircuitBreakerRegistry.class).circuitBreaker("reports").config().failureThreshold())
                    .isEqualTo(9);
        });
        SpringCloudContext.runner().withClassLoader(new FilteredClassLoader(Mono.class))
                .run(context -> assertThat(context).hasNotFailed()
                        .doesNotHaveBean(ReactiveCircuitBreakerFactory.class).hasSingleBean(RegistryCircuitBreakerFactory.class));
    }

    /** The error a guarded publisher without fallback ends with, unwrapped from NoFallbackAvailableException. */
    private static <T> Mono<Throwable> assertedCause(Mono<T> guarded) {
        return guarded.<Throwable>map(value -> new AssertionError("expected an error, got " + value))
                .onErrorResume(NoFallbackAvailableException.class, error -> Mono.just(error.getCause()));
    }

    @Configuration(proxyBeanMethods = false)
    static class ReactiveCustomizer {

        @Bean
        Customizer<RegistryReactiveCircuitBreakerFactory> reports() {
            return factory -> factory.configure(builder -> builder.options(o -> o.failureThreshold(9)), "reports");
        }
    }
}
