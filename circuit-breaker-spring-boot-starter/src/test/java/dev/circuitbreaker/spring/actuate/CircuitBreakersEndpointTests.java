package dev.circuitbreaker.spring.actuate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.circuitbreaker.CircuitBreaker;
import dev.circuitbreaker.CircuitBreakerConfig;
import dev.circuitbreaker.CircuitBreakerRegistry;
import dev.circuitbreaker.CircuitState;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

class CircuitBreakersEndpointTests {

    private final CircuitBreakerRegistry registry = CircuitBreakerRegistry.ofDefaults();
    private final CircuitBreakersEndpoint endpoint = new CircuitBreakersEndpoint(registry);

    @Test
    void theListShowsEveryBreakersStatsWithExactCounters() {
        CircuitBreaker payments = registry.circuitBreaker("payments");
        registry.circuitBreaker("inventory");
        payments.run(() -> { });
        fail(payments, 3);
        catchThrowable(() -> payments.run(() -> { }));

        BreakerStats stats = endpoint.breakers().circuitBreakers().get("payments");
        assertThat(endpoint.breakers().circuitBreakers()).containsOnlyKeys("inventory", "payments");
        assertThat(stats.state()).isEqualTo("OPEN");
        assertThat(stats.totalCalls()).isEqualTo(5);
        assertThat(stats.successfulCalls()).isEqualTo(1);
        assertThat(stats.failedCalls()).isEqualTo(3);
        assertThat(stats.notPermittedCalls()).isEqualTo(1);
        assertThat(stats.bufferedCalls()).isEqualTo(4);
        assertThat(stats.remainingWaitMs()).isBetween(1L, 5000L);
        assertThat(stats.timeInStateMs() + stats.remainingWaitMs()).as("open for so long, so long to go").isBetween(4998L, 5000L);
    }

    @Test
    void theDetailsAddTheEffectiveConfigWithDurationsInMillisecondsAndTheHistory() {
        CircuitBreaker payments = registry.circuitBreaker("payments", CircuitBreakerConfig.builder()
                .waitDurationInOpenState(Duration.ofSeconds(7)).recordExceptions(IOException.class).build());
        payments.run(() -> { });

        BreakerDetails details = endpoint.breaker("payments");
        assertThat(details.state()).isEqualTo("CLOSED");
        assertThat(details.successfulCalls()).isEqualTo(1);
        assertThat(details.config()).containsEntry("waitDurationInOpenStateMs", 7000L)
                .containsEntry("maxWaitDurationInHalfOpenStateMs", 60000L)
                .containsEntry("slowCallDurationThresholdMs", null)
                .containsEntry("failureThreshold", 3)
                .containsEntry("slidingWindowType", "COUNT_BASED")
                .containsEntry("recordExceptions", java.util.List.of("java.io.IOException"))
                .doesNotContainKey("waitDurationInOpenState");
        assertThat(details.history()).singleElement().satisfies(call -> {
            assertThat(call.success()).isTrue();
            assertThat(call.outcome()).isEqualTo("SUCCESS");
        });
    }

    @Test
    void anUnknownNameIsNotFoundAndCreatesNoBreaker() {
        assertThat(endpoint.breaker("nope")).isNull();
        assertThat(endpoint.change("nope", "force-open").getStatus()).isEqualTo(WebEndpointResponse.STATUS_NOT_FOUND);
        assertThat(registry.all()).isEmpty();
    }

    @ParameterizedTest(name = "the action {0} moves the breaker to {1}")
    @CsvSource({"force-open, FORCED_OPEN", "open, OPEN", "half-open, HALF_OPEN", "disable, DISABLED", "close, CLOSED"})
    void eachActionAppliesTheCoresManualTransition(String action, CircuitState expected) {
        CircuitBreaker breaker = registry.circuitBreaker("payments");
        if (expected == CircuitState.CLOSED) {
            breaker.forceOpen();
        }
        WebEndpointResponse<Object> response = endpoint.change("payments", action);
        assertThat(response.getStatus()).isEqualTo(WebEndpointResponse.STATUS_OK);
        assertThat(breaker.state()).isEqualTo(expected);
        assertThat(((BreakerStats) response.getBody()).state()).isEqualTo(expected.name());
    }

    @Test
    void resetClearsTheCountersAndCloses() {
        CircuitBreaker breaker = registry.circuitBreaker("payments");
        fail(breaker, 3);
        assertThat(endpoint.change("payments", "reset").getStatus()).isEqualTo(WebEndpointResponse.STATUS_OK);
        assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(breaker.stats().totalCalls()).isZero();
    }

    @Test
    void anUnknownActionIsABadRequestAndChangesNothing() {
        CircuitBreaker breaker = registry.circuitBreaker("payments");
        assertThat(endpoint.change("payments", "explode").getStatus()).isEqualTo(WebEndpointResponse.STATUS_BAD_REQUEST);
        assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
    }

    /** The core masks secret-looking values in history messages; the endpoint shows only the masked text. */
    @Test
    void aPasswordInAnExceptionMessageIsNotEchoedByTheEndpoint() {
        CircuitBreaker breaker = registry.circuitBreaker("payments");
        catchThrowable(() -> breaker.run(() -> {
            throw new IllegalStateException("login failed for url=db://x password=hunter2secret token: abc123");
        }));
        String message = endpoint.breaker("payments").history().get(0).errorMessage();
        assertThat(message).startsWith("java.lang.IllegalStateException: login failed")
                .doesNotContain("hunter2secret").doesNotContain("abc123").contains("password=");
    }

    private static void fail(CircuitBreaker breaker, int times) {
        for (int i = 0; i < times; i++) {
            catchThrowable(() -> breaker.run(() -> {
                throw new IllegalStateException("down");
            }));
        }
    }
}
