package dev.circuitbreaker.spring.resilience;

import static dev.circuitbreaker.test.CircuitBreakerAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.circuitbreaker.spring.StarterContext;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.resilience.InvocationRejectedException;

/**
 * {@code @ConcurrencyLimit} is the outermost advice: it limits whole retried operations, and a call it rejects never
 * reaches the retry advice, the breaker or the fallback.
 */
class ConcurrencyLimitCompositionTests {

    private final ApplicationContextRunner runner = StarterContext.runner()
            .withUserConfiguration(RetryableCompositionTests.Resilient.class);

    @Test
    void aCallOverTheLimitIsRejectedBeforeRetriesBreakerAndFallback() {
        runner.run(context -> {
            Bank bank = context.getBean(Bank.class);
            CountDownLatch entered = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> {
                try {
                    return bank.chargeBlocking(entered, release);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            try {
                assertThat(entered.await(10, TimeUnit.SECONDS)).as("the first call is running").isTrue();
                assertThatThrownBy(() -> bank.chargeBlocking(new CountDownLatch(1), new CountDownLatch(0)))
                        .isInstanceOf(InvocationRejectedException.class);
                assertThat(bank.attempts()).as("the rejected call never reached the bank").isEqualTo(1);
                assertThat(RetryableCompositionTests.breaker(context, "limited")).as("nor the breaker")
                        .hasTotalCalls(0);
                assertThat(bank.fallbacks()).as("nor the fallback").isEmpty();
            } finally {
                release.countDown();
            }
            assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("charged");
            assertThat(RetryableCompositionTests.breaker(context, "limited")).hasSuccessfulCalls(1).hasTotalCalls(1);
        });
    }
}
