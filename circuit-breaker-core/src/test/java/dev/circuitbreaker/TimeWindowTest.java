package dev.circuitbreaker;

import static dev.circuitbreaker.Calls.fail;
import static dev.circuitbreaker.Calls.succeed;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** CLOSED with a TIME_BASED window: the calls of the last N whole seconds, bucketed per second. */
class TimeWindowTest {

    final FakeTicker ticker = new FakeTicker();

    CircuitBreaker breaker(int seconds, int failureThreshold) {
        return CircuitBreaker.builder("timed").ticker(ticker).config(CircuitBreakerConfig.builder()
                .slidingWindow(SlidingWindowType.TIME_BASED, seconds).failureThreshold(failureThreshold).build()).build();
    }

    @Test
    void failuresOlderThanTheWindowNoLongerCount() {
        CircuitBreaker cb = breaker(10, 3);
        fail(cb, 2);
        ticker.advance(Duration.ofSeconds(10));
        fail(cb);
        assertThat(cb.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(cb.stats().bufferedCalls()).isEqualTo(1);
    }

    @Test
    void theOldestSecondIsStillInTheWindowUntilItsLastNanosecond() {
        CircuitBreaker cb = breaker(10, 3);
        fail(cb, 2);
        ticker.advance(Duration.ofSeconds(10).minusNanos(1));
        fail(cb);
        assertThat(cb.state()).isEqualTo(CircuitState.OPEN);
    }

    @Test
    void callsInTheSameWholeSecondShareABucketSoTheyExpireTogether() {
        CircuitBreaker cb = breaker(2, 5);
        ticker.advanceMillis(100);
        fail(cb);
        ticker.advanceMillis(800);
        fail(cb);
        ticker.advanceMillis(1_100); // t = 2.0 s: second 0 has left a 2-second window
        assertThat(cb.stats().bufferedCalls()).isZero();
        fail(cb);
        assertThat(cb.stats().bufferedFailedCalls()).isEqualTo(1);
    }

    @Test
    void statsShowTheWindowAsOfNowWithoutAnyNewCall() {
        CircuitBreaker cb = breaker(3, 5);
        succeed(cb, 4);
        fail(cb);
        ticker.advanceMillis(1_000);
        succeed(cb);
        assertThat(cb.stats().bufferedCalls()).isEqualTo(6);
        ticker.advanceMillis(2_000);
        assertThat(cb.stats().bufferedCalls()).isEqualTo(1);
        assertThat(cb.stats().bufferedFailedCalls()).isZero();
        ticker.advanceMillis(1_000);
        assertThat(cb.stats().bufferedCalls()).isZero();
    }

    @Test
    void aLongIdlePeriodEmptiesTheWholeWindow() {
        CircuitBreaker cb = breaker(5, 3);
        fail(cb, 2);
        ticker.advance(Duration.ofHours(3));
        fail(cb, 2);
        assertThat(cb.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(cb.stats().bufferedFailedCalls()).isEqualTo(2);
    }

    @Test
    void aRateRuleUsesEveryCallInTheLastNSeconds() {
        CircuitBreaker cb = CircuitBreaker.builder("rate").ticker(ticker).config(CircuitBreakerConfig.builder()
                .slidingWindow(SlidingWindowType.TIME_BASED, 2).failureThreshold(0).failureRateThreshold(50)
                .minimumNumberOfCalls(4).build()).build();
        fail(cb);
        succeed(cb, 2);
        ticker.advanceMillis(1_000);
        succeed(cb);
        assertThat(cb.stats().failureRate()).isEqualTo(25.0);
        ticker.advanceMillis(1_000); // the first second leaves: one success left
        fail(cb);
        assertThat(cb.stats().bufferedCalls()).isEqualTo(2);
        assertThat(cb.state()).isEqualTo(CircuitState.CLOSED);
        fail(cb);
        succeed(cb);
        assertThat(cb.stats().failureRate()).isEqualTo(50.0);
        assertThat(cb.state()).isEqualTo(CircuitState.OPEN);
    }

    @Test
    void memoryDoesNotGrowWithTrafficBecauseBucketsAreReused() {
        CircuitBreaker cb = breaker(2, 2);
        for (int second = 0; second < 50; second++) {
            succeed(cb, 100);
            ticker.advanceMillis(1_000);
        }
        assertThat(cb.stats().bufferedCalls()).isEqualTo(100);
    }
}
