package dev.circuitbreaker.test;

import static dev.circuitbreaker.test.CircuitBreakerAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.circuitbreaker.CircuitBreaker;
import dev.circuitbreaker.CircuitBreakerConfig;
import dev.circuitbreaker.CircuitState;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Both assertThat methods are imported statically, as users will: Java picks ours for a breaker. */
class CircuitBreakerAssertTest {

    ManualTicker ticker;
    CircuitBreaker breaker;

    @BeforeEach
    void openPaymentsBreaker() {
        ticker = new ManualTicker();
        breaker = CircuitBreaker.builder("payments").ticker(ticker).config(CircuitBreakerConfig.builder()
                .failureRateThreshold(50).minimumNumberOfCalls(4).failureThreshold(3)
                .ignoreExceptions(List.of(IllegalArgumentException.class)).build()).build();
        breaker.run(() -> { });
        fail(breaker);
        fail(breaker);
        try {
            breaker.run(() -> {
                throw new IllegalArgumentException("ignored");
            });
        } catch (IllegalArgumentException expected) {
            // ignored by the breaker: neither success nor failure
        }
        fail(breaker);
        try {
            breaker.run(() -> { });
        } catch (RuntimeException rejected) {
            // OPEN
        }
    }

    @Test
    void passesOnTheActualStateAndCounters() {
        assertThat(breaker).isOpen().isInState(CircuitState.OPEN).hasName("payments")
                .hasTotalCalls(6).hasSuccessfulCalls(1).hasFailedCalls(3).hasIgnoredCalls(1).hasNotPermittedCalls(1)
                .hasSlowCalls(0).hasBufferedCalls(4).hasBufferedFailedCalls(3).hasBufferedSlowCalls(0)
                .hasFailureRate(75).hasSlowCallRate(0)
                .hasRemainingWait(Duration.ofSeconds(5)).hasHistorySize(5);
        assertThat(List.of(1)).as("AssertJ's own assertThat still applies to everything else").hasSize(1);
    }

    @Test
    void followsTheBreakerThroughEveryState() {
        ticker.advance(Duration.ofSeconds(5));
        breaker.run(() -> { });
        assertThat(breaker).isHalfOpen().hasBufferedCalls(1).hasRemainingWait(Duration.ZERO);
        breaker.forceOpen();
        assertThat(breaker).isForcedOpen();
        breaker.disable();
        assertThat(breaker).isDisabled();
        breaker.reset();
        assertThat(breaker).isClosed().hasTotalCalls(0).hasHistorySize(0);
    }

    @Test
    void ratesOfTheCurrentWindow() {
        CircuitBreaker rated = CircuitBreaker.builder("rated").ticker(ticker).config(CircuitBreakerConfig.builder()
                .failureRateThreshold(90).minimumNumberOfCalls(3).failureThreshold(0).build()).build();
        rated.run(() -> { });
        rated.run(() -> { });
        fail(rated);
        assertThat(rated).isClosed().hasBufferedCalls(3).hasBufferedFailedCalls(1).hasFailureRate(100.0 / 3)
                .hasSlowCallRate(0);
    }

    @Test
    void aWrongStateFailsNamingTheBreakerTheExpectedAndTheActualState() {
        assertFails(a -> a.isClosed(), "Expecting circuit breaker 'payments' to be CLOSED but was OPEN",
                "CircuitBreakerStats[state=OPEN, totalCalls=6");
        assertFails(a -> a.isHalfOpen(), "to be HALF_OPEN but was OPEN");
        assertFails(a -> a.isForcedOpen(), "to be FORCED_OPEN but was OPEN");
        assertFails(a -> a.isDisabled(), "to be DISABLED but was OPEN");
        breaker.reset();
        assertFails(a -> a.isOpen(), "Expecting circuit breaker 'payments' to be OPEN but was CLOSED");
    }

    @Test
    void aWrongValueFailsNamingTheBreakerTheFieldTheExpectedAndTheActualValue() {
        assertFails(a -> a.hasFailedCalls(2), "Expecting circuit breaker 'payments' to have failedCalls 2 but was 3",
                "notPermittedCalls=1");
        assertFails(a -> a.hasTotalCalls(5), "to have totalCalls 5 but was 6");
        assertFails(a -> a.hasSuccessfulCalls(0), "to have successfulCalls 0 but was 1");
        assertFails(a -> a.hasIgnoredCalls(0), "to have ignoredCalls 0 but was 1");
        assertFails(a -> a.hasNotPermittedCalls(0), "to have notPermittedCalls 0 but was 1");
        assertFails(a -> a.hasSlowCalls(1), "to have slowCalls 1 but was 0");
        assertFails(a -> a.hasBufferedCalls(5), "to have bufferedCalls 5 but was 4");
        assertFails(a -> a.hasBufferedFailedCalls(2), "to have bufferedFailedCalls 2 but was 3");
        assertFails(a -> a.hasBufferedSlowCalls(1), "to have bufferedSlowCalls 1 but was 0");
        assertFails(a -> a.hasFailureRate(74.9), "to have failureRate 74.9 but was 75.0");
        assertFails(a -> a.hasSlowCallRate(-1), "to have slowCallRate -1.0 but was 0.0");
        assertFails(a -> a.hasRemainingWait(Duration.ofSeconds(4)), "to have remainingWait PT4S but was PT5S");
        assertFails(a -> a.hasHistorySize(4), "to have 4 calls in its history but had 5");
        assertFails(a -> a.hasName("orders"), "Expecting circuit breaker 'payments' to be named 'orders'");
    }

    @Test
    void aDescriptionPrefixesTheMessageAndANullBreakerFailsClearly() {
        assertThatThrownBy(() -> assertThat(breaker).as("after the outage").isClosed())
                .isInstanceOf(AssertionError.class).hasMessageStartingWith("[after the outage] ");
        assertThatThrownBy(() -> assertThat((CircuitBreaker) null).isOpen())
                .isInstanceOf(AssertionError.class).hasMessageContaining("Expecting actual not to be null");
        assertThatThrownBy(() -> assertThat(breaker).isInState(null))
                .isInstanceOf(NullPointerException.class).hasMessage("expected state must not be null");
    }

    private void assertFails(Consumer<CircuitBreakerAssert> assertion, String... messageParts) {
        assertThatThrownBy(() -> assertion.accept(assertThat(breaker)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContainingAll(messageParts);
    }

    private static void fail(CircuitBreaker cb) {
        assertThatThrownBy(() -> cb.call(() -> {
            throw new IOException("bank down");
        })).isInstanceOf(IOException.class);
    }
}
