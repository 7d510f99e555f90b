package dev.circuitbreaker.spring.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.circuitbreaker.BulkheadFullException;
import dev.circuitbreaker.CallPermit;
import dev.circuitbreaker.CircuitBreaker;
import dev.circuitbreaker.CircuitBreakerConfig;
import dev.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code circuitbreaker.calls{kind=bulkhead_full}} and the {@code circuitbreaker.concurrent.calls} gauge, which
 * exists exactly while a breaker has a bulkhead. Places are held with {@link CallPermit}s, so no thread waits.
 */
class BulkheadMetricsTests {

    private final CircuitBreakerRegistry registry = CircuitBreakerRegistry.ofDefaults();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeEach
    void bind() {
        new CircuitBreakerMetrics(registry).bindTo(meters);
    }

    @Test
    void bulkheadFullCallsAreCountedApartFromFailuresAndRejections() {
        CircuitBreaker payments = registry.circuitBreaker("payments", limit(2));
        CallPermit first = payments.acquirePermit();
        CallPermit second = payments.acquirePermit();
        for (int i = 0; i < 3; i++) {
            assertThat(catchThrowable(() -> payments.run(() -> { }))).isInstanceOf(BulkheadFullException.class);
        }
        assertThat(calls("payments", "bulkhead_full")).isEqualTo(3);
        assertThat(calls("payments", "failed")).isZero();
        assertThat(calls("payments", "not_permitted")).isZero();
        assertThat(concurrentCalls("payments").value()).isEqualTo(2);

        first.onSuccess();
        assertThat(concurrentCalls("payments").value()).isEqualTo(1);
        second.onError(new IllegalStateException("down"));
        assertThat(concurrentCalls("payments").value()).isZero();
        assertThat(calls("payments", "successful")).isEqualTo(1);
        assertThat(calls("payments", "failed")).isEqualTo(1);
    }

    @Test
    void theConcurrentCallsGaugeExistsOnlyForBreakersWithALimit() {
        registry.circuitBreaker("limited", limit(3));
        registry.circuitBreaker("unlimited");
        assertThat(concurrentCalls("limited").value()).isZero();
        assertThat(meters.find("circuitbreaker.concurrent.calls").tag("name", "unlimited").gauge()).isNull();
        assertThat(meters.find("circuitbreaker.calls").tags("name", "unlimited", "kind", "bulkhead_full").functionCounter())
                .as("the counter is there for every breaker, so a dashboard query never misses it").isNotNull();
    }

    @Test
    void reconfiguringTheLimitOnAndOffAddsAndRemovesTheGauge() {
        CircuitBreaker payments = registry.circuitBreaker("payments");
        assertThat(meters.find("circuitbreaker.concurrent.calls").gauges()).isEmpty();

        registry.reconfigure("payments", limit(3));
        CallPermit held = payments.acquirePermit();
        assertThat(concurrentCalls("payments").value()).as("the gauge reads the same breaker").isEqualTo(1);
        held.onSuccess();

        registry.reconfigure("payments", CircuitBreakerConfig.builder().failureThreshold(2).build());
        assertThat(meters.find("circuitbreaker.concurrent.calls").gauges()).as("the bulkhead is off").isEmpty();

        registry.reconfigure("payments", limit(5));
        assertThat(meters.find("circuitbreaker.concurrent.calls").gauges()).hasSize(1);
        registry.reconfigure("payments", limit(6));
        assertThat(meters.find("circuitbreaker.concurrent.calls").gauges()).as("a changed limit keeps one gauge").hasSize(1);

        registry.remove("payments");
        assertThat(meters.find("circuitbreaker.concurrent.calls").gauges()).isEmpty();
        assertThat(meters.getMeters()).isEmpty();
    }

    private static CircuitBreakerConfig limit(int maxConcurrentCalls) {
        return CircuitBreakerConfig.builder().maxConcurrentCalls(maxConcurrentCalls).build();
    }

    private Gauge concurrentCalls(String name) {
        return meters.get("circuitbreaker.concurrent.calls").tag("name", name).gauge();
    }

    private double calls(String name, String kind) {
        return meters.get("circuitbreaker.calls").tags("name", name, "kind", kind).functionCounter().count();
    }
}
