package dev.circuitbreaker.spring.resilience;

import static dev.circuitbreaker.test.CircuitBreakerAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.circuitbreaker.CircuitBreaker;
import dev.circuitbreaker.CircuitBreakerOpenException;
import dev.circuitbreaker.CircuitBreakerRegistry;
import dev.circuitbreaker.spring.StarterContext;
import dev.circuitbreaker.test.ManualTicker;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.aopalliance.aop.Advice;
import org.junit.jupiter.api.Test;
import org.springframework.aop.framework.Advised;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ContextConsumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.resilience.annotation.EnableResilientMethods;
import org.springframework.resilience.retry.AbstractRetryInterceptor;

/**
 * {@code @Retryable} (Spring Framework 7, {@code @EnableResilientMethods}) and {@code @CircuitBreaker} on one method:
 * the retry advice wraps the breaker advice, so each attempt is one breaker call; the fallback runs once, after the
 * retries are over (exhausted, or stopped by a policy that excludes rejections), never on a single attempt.
 */
class RetryableCompositionTests {

    @Configuration(proxyBeanMethods = false)
    @EnableResilientMethods
    static class Resilient {

        @Bean
        Bank bank() {
            return new Bank();
        }

        @Bean
        ManualTicker ticker() {
            return new ManualTicker();
        }
    }

    private final ApplicationContextRunner runner = StarterContext.runner().withUserConfiguration(Resilient.class)
            .withPropertyValues("circuitbreaker.defaults.failure-threshold=10",
                    "circuitbreaker.instances.stopsOnRejection.failure-threshold=3",
                    "circuitbreaker.instances.retriesRejections.failure-threshold=3");

    @Test
    void adviceOutermostFirstIsConcurrencyLimitThenFallbackThenRetryThenBreakerWhateverTheAspectOrder() {
        List<String> expected = List.of("concurrency limit", "fallback after retries", "retry", "circuit breaker");
        runner.run(context -> assertThat(adviceChain(context)).containsExactly(expected.toArray(String[]::new)));
        runner.withPropertyValues("circuitbreaker.aspect-order=" + Ordered.HIGHEST_PRECEDENCE)
                .run(context -> assertThat(adviceChain(context)).as("Spring adds its resilience advice in front of all "
                        + "auto-proxy advice, whatever its order").containsExactly(expected.toArray(String[]::new)));
    }

    @Test
    void eachAttemptIsOneBreakerCallAndTheFallbackRunsOnceWithTheLastAttemptsException() {
        run(context -> {
            Bank bank = context.getBean(Bank.class);
            assertThat(bank.charge("o-1")).isEqualTo("deferred o-1: attempt 3");
            assertThat(bank.attempts()).isEqualTo(3);
            assertThat(breaker(context, "retried")).isClosed().hasFailedCalls(3).hasTotalCalls(3);
            assertThat(bank.fallbacks()).singleElement().isInstanceOf(IOException.class)
                    .extracting(Throwable::getMessage).isEqualTo("attempt 3");
        });
    }

    @Test
    void aRetryThatSucceedsNeedsNoFallback() {
        run(context -> {
            Bank bank = context.getBean(Bank.class);
            bank.failFirst(2);
            assertThat(bank.charge("o-1")).isEqualTo("charged o-1 at attempt 3");
            assertThat(breaker(context, "retried")).hasFailedCalls(2).hasSuccessfulCalls(1);
            assertThat(bank.fallbacks()).isEmpty();
        });
    }

    @Test
    void aPolicyExcludingRejectionsStopsRetryingWhenTheBreakerOpensAndFallsBackOnTheRejection() {
        run(context -> {
            Bank bank = context.getBean(Bank.class);
            String answer = bank.chargeStoppingOnRejection("o-1");
            assertThat(bank.attempts()).as("3 failures open the breaker; the 4th attempt is rejected, not retried")
                    .isEqualTo(3);
            assertThat(breaker(context, "stopsOnRejection")).isOpen().hasFailedCalls(3).hasNotPermittedCalls(1);
            assertThat(bank.fallbacks()).singleElement().isInstanceOf(CircuitBreakerOpenException.class);
            assertThat(answer).startsWith("deferred o-1");
        });
    }

    @Test
    void aPolicyThatRetriesRejectionsSpendsItsAttemptsOnRejectionsThenFallsBackOnce() {
        run(context -> {
            Bank bank = context.getBean(Bank.class);
            bank.chargeRetryingRejections("o-1");
            assertThat(bank.attempts()).as("the open breaker never lets attempts 4 to 6 reach the bank").isEqualTo(3);
            assertThat(breaker(context, "retriesRejections")).isOpen().hasFailedCalls(3).hasNotPermittedCalls(3);
            assertThat(bank.fallbacks()).singleElement().isInstanceOf(CircuitBreakerOpenException.class);
        });
    }

    @Test
    void withoutAFallbackTheCallerSeesTheLastAttemptsOwnException() {
        run(context -> {
            Bank bank = context.getBean(Bank.class);
            assertThatThrownBy(() -> bank.chargeWithoutFallback("o-1")).isInstanceOf(IOException.class)
                    .hasMessage("attempt 3");
            assertThat(breaker(context, "noFallback")).hasFailedCalls(3);
        });
    }

    @Test
    void anExceptionTheBreakerIgnoresIsRetriedButNeverFallsBack() {
        runner.withPropertyValues("circuitbreaker.instances.retried.ignore-exceptions=java.lang.IllegalArgumentException")
                .run(context -> {
                    Bank bank = context.getBean(Bank.class);
                    IllegalArgumentException bad = new IllegalArgumentException("bad amount");
                    bank.failWith(bad);
                    assertThatThrownBy(() -> bank.charge("o-1")).isSameAs(bad);
                    assertThat(bank.attempts()).isEqualTo(3);
                    assertThat(breaker(context, "retried")).hasIgnoredCalls(3).hasFailedCalls(0);
                    assertThat(bank.fallbacks()).isEmpty();
                });
    }

    @Test
    void aCompletionStageMethodKeepsItsFallbackOnTheStageAndSpringDoesNotRetryAFailedStage() {
        run(context -> {
            Bank bank = context.getBean(Bank.class);
            assertThat(bank.chargeAsync("o-1").join()).isEqualTo("deferred o-1");
            assertThat(bank.attempts()).as("Spring's @Retryable retries a method that throws, not a failed stage")
                    .isEqualTo(1);
            assertThat(breaker(context, "async")).hasFailedCalls(1);
            assertThat(bank.fallbacks()).singleElement().extracting(Throwable::getMessage).isEqualTo("async attempt 1");
        });
    }

    private void run(ContextConsumer<AssertableApplicationContext> test) {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            test.accept(context);
        });
    }

    static CircuitBreaker breaker(AssertableApplicationContext context, String name) {
        return context.getBean(CircuitBreakerRegistry.class).find(name).orElseThrow();
    }

    /** The advice of the Bank proxy, outermost first, by what it does. */
    static List<String> adviceChain(AssertableApplicationContext context) {
        return adviceChain(context, Bank.class);
    }

    /** The advice of the proxy of the bean of {@code type}, outermost first, by what it does. */
    static List<String> adviceChain(AssertableApplicationContext context, Class<?> type) {
        Advised proxy = (Advised) context.getBean(type);
        return Arrays.stream(proxy.getAdvisors()).map(a -> describe(a.getAdvice())).toList();
    }

    private static String describe(Advice advice) {
        String type = advice.getClass().getName();
        if (advice instanceof AbstractRetryInterceptor) {
            return "retry";
        }
        if (type.contains("ConcurrencyLimit")) {
            return "concurrency limit";
        }
        if (type.endsWith("RetryAwareFallback")) {
            return "fallback after retries";
        }
        if (type.endsWith("CircuitBreakerInterceptor")) {
            return "circuit breaker";
        }
        return type;
    }
}
