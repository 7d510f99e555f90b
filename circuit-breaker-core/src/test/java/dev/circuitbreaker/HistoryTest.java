package dev.circuitbreaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryTest {

    final FakeTicker ticker = new FakeTicker();
    final Instant now = Instant.parse("2026-11-27T12:00:00Z");

    CircuitBreaker breaker(int historySize) {
        return CircuitBreaker.builder("history").ticker(ticker).clock(Clock.fixed(now, ZoneOffset.UTC))
                .config(CircuitBreakerConfig.builder().historySize(historySize).failureThreshold(0).failureRateThreshold(100).build())
                .build();
    }

    @Test
    void historyKeepsTheLastHistorySizeCallsOldestFirst() {
        CircuitBreaker cb = breaker(3);
        for (int i = 1; i <= 5; i++) {
            int millis = i;
            cb.run(() -> ticker.advanceMillis(millis));
        }
        assertThat(cb.history()).extracting(CallResult::responseTimeMs).containsExactly(3.0, 4.0, 5.0);
    }

    @Test
    void eachEntryHasItsOutcomeTickerDurationAndAClockTimestamp() {
        CircuitBreaker cb = breaker(10);
        cb.run(() -> ticker.advanceMillis(250));
        catchThrowable(() -> cb.call(() -> {
            ticker.advanceMillis(1_500);
            throw new IOException("bank said no");
        }));
        ticker.advanceMillis(10_000);
        List<CallResult> history = cb.history();
        assertThat(history).hasSize(2);
        CallResult ok = history.get(0);
        assertThat(ok.success()).isTrue();
        assertThat(ok.outcome()).isEqualTo(CallResult.Outcome.SUCCESS);
        assertThat(ok.responseTimeMs()).isEqualTo(250.0);
        assertThat(ok.errorMessage()).isNull();
        assertThat(ok.timestamp()).isEqualTo(now.minusMillis(11_500));
        CallResult failed = history.get(1);
        assertThat(failed.success()).isFalse();
        assertThat(failed.outcome()).isEqualTo(CallResult.Outcome.FAILURE);
        assertThat(failed.responseTimeMs()).isEqualTo(1_500.0);
        assertThat(failed.errorMessage()).isEqualTo("java.io.IOException: bank said no");
        assertThat(failed.timestamp()).isEqualTo(now.minusMillis(10_000));
    }

    @Test
    void longMessagesAreTruncated() {
        CircuitBreaker cb = breaker(1);
        String longMessage = "x".repeat(10_000);
        catchThrowable(() -> cb.run(() -> {
            throw new IllegalStateException(longMessage);
        }));
        String message = cb.history().get(0).errorMessage();
        assertThat(message).startsWith("java.lang.IllegalStateException: xxx").hasSize(200).endsWith("…");
    }

    @Test
    void secretLookingValuesAreMaskedInMessages() {
        CircuitBreaker cb = breaker(1);
        catchThrowable(() -> cb.run(() -> {
            throw new IllegalStateException("login failed for user=bob password=hunter2, token: abc.def Authorization: Bearer eyJhbGci");
        }));
        String message = cb.history().get(0).errorMessage();
        assertThat(message).contains("user=bob").contains("password=******").contains("token: ******")
                .doesNotContain("hunter2").doesNotContain("abc.def").doesNotContain("eyJhbGci");
    }

    @Test
    void historySizeZeroKeepsNothing() {
        CircuitBreaker cb = breaker(0);
        cb.run(() -> { });
        assertThat(cb.history()).isEmpty();
        assertThat(cb.stats().successfulCalls()).isEqualTo(1);
    }

    @Test
    void ignoredCallsAreListedAsSuchAndRejectedCallsAreOnlyCounted() {
        CircuitBreaker cb = CircuitBreaker.builder("h").ticker(ticker).config(CircuitBreakerConfig.builder()
                .failureThreshold(1).ignoreExceptions(UnsupportedOperationException.class).build()).build();
        catchThrowable(() -> cb.run(() -> {
            throw new UnsupportedOperationException();
        }));
        Calls.fail(cb);
        Calls.rejected(cb);
        assertThat(cb.history()).extracting(CallResult::outcome)
                .containsExactly(CallResult.Outcome.IGNORED, CallResult.Outcome.FAILURE);
        assertThat(cb.history().get(0).errorMessage()).isEqualTo("java.lang.UnsupportedOperationException");
    }
}
