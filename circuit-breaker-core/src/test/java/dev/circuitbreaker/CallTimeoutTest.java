package dev.circuitbreaker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * {@code callTimeout} for asynchronous calls. The timeout runs on the JDK's scheduler, the one place in the core
 * where real time is unavoidable: short timeouts, generous deadlines for the assertions, no sleeps for ordering.
 */
class CallTimeoutTest {

    static final Duration TIMEOUT = Duration.ofMillis(50);
    static final Duration PATIENCE = Duration.ofSeconds(10);

    CircuitBreaker breaker(CircuitBreakerConfigBuilder config) {
        return CircuitBreaker.of("payments", config.callTimeout(TIMEOUT).build());
    }

    @Test
    void aStageThatNeverCompletesFailsWithATimeoutThatIsRecordedFirstAndTheStageIsCancelled() {
        CircuitBreaker cb = breaker(CircuitBreakerConfig.builder().exceptionThreshold(TimeoutException.class, 1)
                .maxConcurrentCalls(1));
        CompletableFuture<String> downstream = new CompletableFuture<>();
        AtomicReference<CircuitBreakerStats> seenOnCompletion = new AtomicReference<>();

        CompletableFuture<String> result = cb.callAsync(() -> downstream);
        result.whenComplete((v, e) -> seenOnCompletion.set(cb.stats()));

        assertThat(result).failsWithin(PATIENCE).withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(TimeoutException.class)
                .withMessageContaining("payments").withMessageContaining("callTimeout");
        assertThat(downstream).as("the late stage is cancelled").isCancelled();
        CircuitBreakerStats stats = seenOnCompletion.get();
        assertThat(stats.failedCalls()).as("recorded before the caller saw the timeout").isEqualTo(1);
        assertThat(stats.state()).as("timeouts have their own threshold").isEqualTo(CircuitState.OPEN);
        assertThat(stats.concurrentCalls()).as("the bulkhead place is given back").isZero();
        assertThat(cb.history()).singleElement().satisfies(r ->
                assertThat(r.errorMessage()).startsWith(TimeoutException.class.getName()));
    }

    @Test
    void aStageCompletingInTimeIsNotTimedOutAndALateCompletionAfterATimeoutChangesNothing() {
        CircuitBreaker cb = breaker(CircuitBreakerConfig.builder());
        assertThat(cb.callAsync(() -> CompletableFuture.completedFuture("paid"))).isCompletedWithValue("paid");

        CompletableFuture<String> slow = new CompletableFuture<>() {
            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
                return false; // a stage that ignores cancellation and completes anyway
            }
        };
        CompletableFuture<String> result = cb.callAsync(() -> slow);
        assertThat(result).failsWithin(PATIENCE);
        slow.complete("too late");

        assertThat(cb.stats().successfulCalls()).isEqualTo(1);
        assertThat(cb.stats().failedCalls()).isEqualTo(1);
        assertThat(cb.stats().totalCalls()).isEqualTo(2);
    }

    @Test
    void synchronousCallsAreNeverInterrupted() {
        CircuitBreaker cb = breaker(CircuitBreakerConfig.builder());
        long deadline = System.nanoTime() + 3 * TIMEOUT.toNanos();
        String result = cb.get(() -> {
            while (System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            return Thread.currentThread().isInterrupted() ? "interrupted" : "finished";
        });
        assertThat(result).isEqualTo("finished");
        assertThat(cb.stats().successfulCalls()).isEqualTo(1);
    }
}
