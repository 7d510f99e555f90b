package dev.circuitbreaker.spring.actuate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.circuitbreaker.CallPermit;
import dev.circuitbreaker.CircuitBreaker;
import dev.circuitbreaker.CircuitBreakerConfig;
import dev.circuitbreaker.CircuitBreakerRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The bulkhead's and the call timeout's fields in the endpoint's records. */
class BulkheadEndpointTests {

    private final CircuitBreakerRegistry registry = CircuitBreakerRegistry.ofDefaults();
    private final CircuitBreakersEndpoint endpoint = new CircuitBreakersEndpoint(registry);

    @Test
    void theStatsShowBulkheadFullCallsAndTheCallsHoldingAPlaceNow() {
        CircuitBreaker payments = registry.circuitBreaker("payments",
                CircuitBreakerConfig.builder().maxConcurrentCalls(1).build());
        CallPermit held = payments.acquirePermit();
        catchThrowable(() -> payments.run(() -> { }));
        catchThrowable(() -> payments.run(() -> { }));

        BreakerStats stats = endpoint.breakers().circuitBreakers().get("payments");
        assertThat(stats.bulkheadFullCalls()).isEqualTo(2);
        assertThat(stats.concurrentCalls()).isEqualTo(1);
        assertThat(stats.failedCalls()).isZero();
        assertThat(stats.notPermittedCalls()).isZero();
        assertThat(stats.totalCalls()).as("rejected calls count in the total, as not-permitted ones do").isEqualTo(2);

        held.onSuccess();
        assertThat(endpoint.breaker("payments").concurrentCalls()).isZero();
        assertThat(endpoint.breaker("payments").bulkheadFullCalls()).isEqualTo(2);
    }

    @Test
    void theConfigShowsTheLimitAndTheCallTimeoutInMillisecondsAndKeepsTheKeyWhenTheTimeoutIsOff() {
        registry.circuitBreaker("timed", CircuitBreakerConfig.builder()
                .maxConcurrentCalls(4).callTimeout(Duration.ofMillis(1500)).build());
        registry.circuitBreaker("plain");

        assertThat(endpoint.breaker("timed").config()).containsEntry("maxConcurrentCalls", 4)
                .containsEntry("callTimeoutMs", 1500L).doesNotContainKey("callTimeout");
        assertThat(endpoint.breaker("plain").config()).containsEntry("maxConcurrentCalls", 0)
                .as("an unset duration keeps its Ms key, so a client reads one field either way")
                .containsEntry("callTimeoutMs", null).doesNotContainKey("callTimeout");
    }
}
