package dev.circuitbreaker.spring.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.circuitbreaker.CircuitBreaker;
import dev.circuitbreaker.CircuitBreakerConfig;
import dev.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

class CircuitBreakerMetricsTests {

    private final CircuitBreakerRegistry registry = CircuitBreakerRegistry.ofDefaults();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void breakersPresentWhenBoundAndCreatedLaterBothGetTheirMeters() {
        registry.circuitBreaker("before");
        new CircuitBreakerMetrics(registry).bindTo(meters);
        registry.circuitBreaker("after");
        assertThat(meterNames("before")).containsExactlyInAnyOrderElementsOf(meterNames("after"));
        assertThat(meterNames("after")).contains("circuitbreaker.state", "circuitbreaker.calls", "circuitbreaker.slow.calls",
                "circuitbreaker.failure.rate", "circuitbreaker.slow.call.rate", "circuitbreaker.buffered.calls");
    }

    @Test
    void theStateGaugeIsOneForTheCurrentStateAndZeroForTheOthers() {
        new CircuitBreakerMetrics(registry).bindTo(meters);
        CircuitBreaker breaker = registry.circuitBreaker("payments");
        assertThat(meters.find("circuitbreaker.state").tag("name", "payments").gauges()).hasSize(5);
        assertThat(state("closed")).isEqualTo(1.0);
        assertThat(state("open")).isZero();
        breaker.forceOpen();
        assertThat(state("forced_open")).isEqualTo(1.0);
        assertThat(state("closed")).isZero();
    }

    @Test
    void callCountersAndRatesFollowTheBreakerExactly() {
        new CircuitBreakerMetrics(registry).bindTo(meters);
        CircuitBreaker breaker = registry.circuitBreaker("payments", CircuitBreakerConfig.builder()
                .ignoreExceptions(IllegalArgumentException.class).failureRateThreshold(50).minimumNumberOfCalls(2).build());
        breaker.run(() -> { });
        throwing(breaker, new IllegalArgumentException("ignored"));
        throwing(breaker, new IllegalStateException("down: 1 of 2 calls failed, the 50 % rule opens the breaker"));
        throwing(breaker, new IllegalStateException("never thrown: the call is rejected"));

        assertThat(calls("successful")).isEqualTo(1);
        assertThat(calls("failed")).isEqualTo(1);
        assertThat(calls("ignored")).isEqualTo(1);
        assertThat(calls("not_permitted")).isEqualTo(1);
        assertThat(meters.get("circuitbreaker.failure.rate").tag("name", "payments").gauge().value()).isEqualTo(50.0);
        assertThat(meters.get("circuitbreaker.buffered.calls").tag("name", "payments").gauge().value()).isEqualTo(2.0);
        assertThat(meters.get("circuitbreaker.state.transitions").tags("name", "payments", "from", "closed", "to", "open")
                .counter().count()).isEqualTo(1.0);
    }

    @Test
    void noMeterHasABaseUnit() {
        new CircuitBreakerMetrics(registry).bindTo(meters);
        registry.circuitBreaker("payments").forceOpen();
        assertThat(meters.getMeters()).isNotEmpty().allSatisfy(m -> assertThat(m.getId().getBaseUnit()).isNull());
    }

    @Test
    void removingABreakerRemovesItsMetersAndOnlyThose() {
        new CircuitBreakerMetrics(registry).bindTo(meters);
        registry.circuitBreaker("payments").forceOpen();
        registry.circuitBreaker("inventory");
        int inventoryMeters = meterNames("inventory").size();
        registry.remove("payments");
        assertThat(meters.getMeters()).allSatisfy(m -> assertThat(m.getId().getTag("name")).isEqualTo("inventory"));
        assertThat(meters.getMeters()).hasSize(inventoryMeters);
    }

    private List<String> meterNames(String breaker) {
        return meters.getMeters().stream().filter(m -> breaker.equals(m.getId().getTag("name")))
                .map(Meter::getId).map(Meter.Id::getName).toList();
    }

    private double state(String state) {
        return meters.get("circuitbreaker.state").tags("name", "payments", "state", state).gauge().value();
    }

    private double calls(String kind) {
        return meters.get("circuitbreaker.calls").tags("name", "payments", "kind", kind).functionCounter().count();
    }

    private static void throwing(CircuitBreaker breaker, RuntimeException e) {
        catchThrowable(() -> breaker.run(() -> {
            throw e;
        }));
    }
}
