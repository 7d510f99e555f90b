package dev.circuitbreaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Regressions for issue 11, defect 5: any {@code long} the ticker returns is a valid time. {@code Long.MIN_VALUE}
 * used to mean "not read", so a call starting at that tick was not timed, and an OPEN deadline equal to it showed
 * no remaining wait on the exception while {@code stats()} showed the full wait.
 */
class TickerReadingsTest {

    @Test
    void aCallStartingAtLongMinValueIsTimed() {
        FakeTicker ticker = new FakeTicker(Long.MIN_VALUE);
        CircuitBreaker cb = CircuitBreaker.builder("timed").ticker(ticker)
                .config(CircuitBreakerConfig.builder().slowCallDurationThreshold(Duration.ofSeconds(1)).build()).build();

        cb.run(() -> ticker.advance(Duration.ofSeconds(2)));

        assertThat(cb.stats().slowCalls()).isEqualTo(1);
        assertThat(cb.history()).singleElement().satisfies(r -> assertThat(r.responseTimeMs()).isEqualTo(2000.0));
    }

    @Test
    void anOpenDeadlineAtLongMinValueShowsTheSameRemainingWaitEverywhereAndEndsOnTime() {
        Duration wait = Duration.ofSeconds(5);
        FakeTicker ticker = new FakeTicker(Long.MIN_VALUE - wait.toNanos()); // wraps: the deadline is Long.MIN_VALUE
        CircuitBreaker cb = CircuitBreaker.builder("wrapping").ticker(ticker)
                .config(CircuitBreakerConfig.builder().failureThreshold(1).waitDurationInOpenState(wait).build()).build();
        Calls.fail(cb);

        CircuitBreakerOpenException rejection = catchThrowableOfType(CircuitBreakerOpenException.class,
                () -> cb.run(() -> { }));

        assertThat(rejection.remainingWait()).isEqualTo(wait);
        assertThat(cb.stats().remainingWait()).isEqualTo(wait);
        ticker.advance(wait.minusNanos(1));
        assertThat(Calls.rejected(cb)).isTrue();
        ticker.advance(Duration.ofNanos(1));
        assertThat(Calls.rejected(cb)).isFalse();
        assertThat(cb.state()).isEqualTo(CircuitState.HALF_OPEN);
    }

    @Test
    void theWindowsAndTrialsWorkAcrossTheTickersWrapAround() {
        FakeTicker ticker = new FakeTicker(Long.MAX_VALUE - 500_000_000L);
        CircuitBreaker cb = CircuitBreaker.builder("time-window").ticker(ticker)
                .config(CircuitBreakerConfig.builder().slidingWindow(SlidingWindowType.TIME_BASED, 2)
                        .failureThreshold(2).build()).build();
        Calls.fail(cb, new IOException("before the wrap"));
        ticker.advance(Duration.ofSeconds(1)); // past Long.MAX_VALUE: the reading wraps to negative
        Calls.fail(cb, new IOException("after the wrap"));
        assertThat(cb.state()).isEqualTo(CircuitState.OPEN);
    }
}
