package dev.circuitbreaker.spring.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import dev.circuitbreaker.CircuitBreaker;
import dev.circuitbreaker.CircuitBreakerConfig;
import dev.circuitbreaker.CircuitBreakerRegistry;
import dev.circuitbreaker.CircuitBreakerStats;
import dev.circuitbreaker.spring.autoconfigure.CircuitBreakerConfigurations;
import dev.circuitbreaker.spring.autoconfigure.CircuitBreakerProperties;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreaker;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.util.RaceTestUtils;

/**
 * A subscription's outcome and its cancellation racing on two threads release the permit exactly once: over many
 * rounds on a breaker whose bulkhead admits one call, every round is counted once (as its outcome or as ignored) and
 * no round ever finds the bulkhead still held by an earlier one.
 */
class ReactivePermitRaceTests {

    private static final int ROUNDS = 5_000;
    private static final IOException DOWN = new IOException("down");

    @Test
    void completionRacingCancellationReportsEachSubscriptionOnce() {
        CircuitBreakerRegistry registry = CircuitBreakerRegistry.ofDefaults();
        CircuitBreaker breaker = breakerWithBulkheadOfOne(registry);
        ReactiveCircuitBreaker guarded = factory(registry).create("race");

        for (int i = 0; i < ROUNDS; i++) {
            Sinks.One<String> sink = Sinks.one();
            Disposable subscription = guarded.run(sink.asMono(), error -> Mono.empty()).subscribe();
            RaceTestUtils.race(() -> sink.tryEmitValue("done"), subscription::dispose);
        }

        CircuitBreakerStats stats = breaker.stats();
        assertThat(stats.successfulCalls() + stats.ignoredCalls()).isEqualTo(ROUNDS);
        assertThat(stats.bulkheadFullCalls()).as("a permit left held would have rejected the next round").isZero();
        assertThat(stats.concurrentCalls()).isZero();
    }

    @Test
    void errorRacingCancellationReportsEachSubscriptionOnce() {
        CircuitBreakerRegistry registry = CircuitBreakerRegistry.ofDefaults();
        CircuitBreaker breaker = breakerWithBulkheadOfOne(registry);
        ReactiveCircuitBreaker guarded = factory(registry).create("race");

        for (int i = 0; i < ROUNDS; i++) {
            Sinks.One<String> sink = Sinks.one();
            Disposable subscription = guarded.run(sink.asMono(), error -> Mono.empty()).subscribe();
            RaceTestUtils.race(() -> sink.tryEmitError(DOWN), subscription::dispose);
        }

        CircuitBreakerStats stats = breaker.stats();
        assertThat(stats.failedCalls() + stats.ignoredCalls()).isEqualTo(ROUNDS);
        assertThat(stats.bulkheadFullCalls()).isZero();
        assertThat(stats.concurrentCalls()).isZero();
    }

    /** Never opens (the count rule is the only rule, and it is out of reach), so every round is admitted. */
    private static CircuitBreaker breakerWithBulkheadOfOne(CircuitBreakerRegistry registry) {
        return registry.circuitBreaker("race", CircuitBreakerConfig.builder()
                .slidingWindowSize(ROUNDS).failureThreshold(ROUNDS).maxConcurrentCalls(1).historySize(0).build());
    }

    private static RegistryReactiveCircuitBreakerFactory factory(CircuitBreakerRegistry registry) {
        return new RegistryReactiveCircuitBreakerFactory(registry,
                new CircuitBreakerConfigurations(new CircuitBreakerProperties(), path -> null));
    }
}
