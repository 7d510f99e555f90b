package dev.circuitbreaker.spring.resilience;

import static dev.circuitbreaker.test.CircuitBreakerAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.circuitbreaker.spring.StarterContext;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.resilience.annotation.ConcurrencyLimitBeanPostProcessor;
import org.springframework.resilience.annotation.RetryAnnotationBeanPostProcessor;

/**
 * The other order, where Spring allows it: instead of {@code @EnableResilientMethods}, the application declares
 * Spring's two resilience post-processors itself, the retry one with {@code beforeExistingAdvisors=false}. The retry
 * advice then sits inside the breaker advice: the breaker sees one call per retried operation, and its fallback runs
 * after the retries as it always does.
 */
class BreakerOutsideRetriesTests {

    @Configuration(proxyBeanMethods = false)
    static class RetriesInsideTheBreaker {

        @Bean
        static RetryAnnotationBeanPostProcessor retryAnnotationBeanPostProcessor() {
            RetryAnnotationBeanPostProcessor retries = new RetryAnnotationBeanPostProcessor();
            retries.setBeforeExistingAdvisors(false);
            return retries;
        }

        @Bean
        static ConcurrencyLimitBeanPostProcessor concurrencyLimitBeanPostProcessor() {
            return new ConcurrencyLimitBeanPostProcessor();
        }

        @Bean
        Bank bank() {
            return new Bank();
        }
    }

    private final ApplicationContextRunner runner = StarterContext.runner()
            .withUserConfiguration(RetriesInsideTheBreaker.class);

    @Test
    void theBreakerWrapsTheRetriesAndCountsOneCallPerRetriedOperation() {
        runner.run(context -> {
            assertThat(RetryableCompositionTests.adviceChain(context))
                    .containsExactly("concurrency limit", "circuit breaker", "retry");
            Bank bank = context.getBean(Bank.class);
            assertThat(bank.charge("o-1")).isEqualTo("deferred o-1: attempt 3");
            assertThat(bank.attempts()).isEqualTo(3);
            assertThat(RetryableCompositionTests.breaker(context, "retried")).hasFailedCalls(1).hasTotalCalls(1);
            assertThat(bank.fallbacks()).singleElement().extracting(Throwable::getMessage).isEqualTo("attempt 3");

            bank.failFirst(4);
            assertThat(bank.charge("o-2")).as("fails once more, then succeeds").isEqualTo("charged o-2 at attempt 5");
            assertThat(RetryableCompositionTests.breaker(context, "retried")).hasFailedCalls(1).hasSuccessfulCalls(1);
        });
    }
}
