package dev.circuitbreaker.spring.resilience;

import static dev.circuitbreaker.test.CircuitBreakerAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.circuitbreaker.CircuitBreaker;
import dev.circuitbreaker.CircuitBreakerOpenException;
import dev.circuitbreaker.CircuitBreakerRegistry;
import dev.circuitbreaker.spring.StarterContext;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ContextConsumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.resilience.annotation.EnableResilientMethods;
import reactor.core.Exceptions;
import reactor.test.StepVerifier;

/**
 * {@code @Retryable} and {@code @CircuitBreaker} on reactive methods: Spring's retry advice re-subscribes the
 * publisher the method returned, and the breaker guards each subscription, so each attempt is one breaker call; the
 * fallback goes on the publisher outside the retries and runs once, on the last attempt's error, never on a single
 * attempt (which would end the retries at the first failure).
 */
class ReactiveRetryableCompositionTests {

    static final Duration WAIT = Duration.ofSeconds(10);

    @Configuration(proxyBeanMethods = false)
    @EnableResilientMethods
    static class Resilient {

        @Bean
        ReactiveBank reactiveBank() {
            return new ReactiveBank();
        }
    }

    private final ApplicationContextRunner runner = StarterContext.runner().withUserConfiguration(Resilient.class)
            .withPropertyValues("circuitbreaker.defaults.failure-threshold=10",
                    "circuitbreaker.instances.reactiveStopsOnRejection.failure-threshold=3");

    @Test
    void eachAttemptIsOneBreakerCallAndTheFallbackRunsOnceWithTheLastAttemptsException() {
        run(context -> {
            ReactiveBank bank = context.getBean(ReactiveBank.class);
            StepVerifier.create(bank.charge("o-1")).expectNext("deferred o-1: attempt 3").expectComplete().verify(WAIT);
            assertThat(bank.attempts()).isEqualTo(3);
            assertThat(bank.methodCalls()).as("retries subscribe again; the method ran once").isEqualTo(1);
            assertThat(breaker(context, "reactiveRetried")).isClosed().hasFailedCalls(3).hasTotalCalls(3);
            assertThat(bank.fallbacks()).singleElement().isInstanceOf(IOException.class)
                    .extracting(Throwable::getMessage).isEqualTo("attempt 3");
        });
    }

    @Test
    void aRetryThatSucceedsNeedsNoFallback() {
        run(context -> {
            ReactiveBank bank = context.getBean(ReactiveBank.class);
            bank.failFirst(2);
            StepVerifier.create(bank.charge("o-1")).expectNext("charged o-1 at attempt 3").expectComplete().verify(WAIT);
            assertThat(breaker(context, "reactiveRetried")).hasFailedCalls(2).hasSuccessfulCalls(1);
            assertThat(bank.fallbacks()).isEmpty();
        });
    }

    @Test
    void aPolicyExcludingRejectionsStopsRetryingWhenTheBreakerOpensAndFallsBackOnTheRejection() {
        run(context -> {
            ReactiveBank bank = context.getBean(ReactiveBank.class);
            StepVerifier.create(bank.chargeStoppingOnRejection("o-1"))
                    .assertNext(answer -> assertThat(answer).startsWith("deferred o-1")).expectComplete().verify(WAIT);
            assertThat(bank.attempts()).as("3 failures open the breaker; the 4th attempt is rejected, not retried")
                    .isEqualTo(3);
            assertThat(breaker(context, "reactiveStopsOnRejection")).isOpen().hasFailedCalls(3).hasNotPermittedCalls(1);
            assertThat(bank.fallbacks()).singleElement().isInstanceOf(CircuitBreakerOpenException.class);
        });
    }

    @Test
    void withoutAFallbackTheCallerSeesWhatSpringsRetrySignalsWithTheLastAttemptsException() {
        run(context -> {
            ReactiveBank bank = context.getBean(ReactiveBank.class);
            StepVerifier.create(bank.chargeWithoutFallback("o-1"))
                    .expectErrorSatisfies(e -> assertThat(Exceptions.isRetryExhausted(e) ? e.getCause() : e)
                            .isInstanceOf(IOException.class).hasMessage("attempt 3"))
                    .verify(WAIT);
            assertThat(breaker(context, "reactiveNoFallback")).hasFailedCalls(3);
        });
    }

    @Test
    void aFluxFallsBackOnceAfterItsRetries() {
        run(context -> {
            ReactiveBank bank = context.getBean(ReactiveBank.class);
            StepVerifier.create(bank.statement()).expectNext("cached").expectComplete().verify(WAIT);
            assertThat(breaker(context, "reactiveStatement")).hasFailedCalls(3);
            assertThat(bank.fallbacks()).singleElement().extracting(Throwable::getMessage).isEqualTo("attempt 3");
        });
    }

    @Test
    void theFallbackAfterRetriesSitsOutsideTheRetryAdviceAsForSynchronousMethods() {
        run(context -> assertThat(RetryableCompositionTests.adviceChain(context, ReactiveBank.class))
                .containsSubsequence("fallback after retries", "retry", "circuit breaker"));
    }

    private void run(ContextConsumer<AssertableApplicationContext> test) {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            test.accept(context);
        });
    }

    private static CircuitBreaker breaker(AssertableApplicationContext context, String name) {
        return context.getBean(CircuitBreakerRegistry.class).find(name).orElseThrow();
    }
}
