package dev.circuitbreaker;

import static dev.circuitbreaker.Calls.fail;
import static dev.circuitbreaker.Calls.failTaking;
import static dev.circuitbreaker.Calls.succeed;
import static dev.circuitbreaker.Calls.succeedTaking;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** CLOSED with a COUNT_BASED window: which outcomes count, and when each rule opens the breaker. */
class ClosedStateTest {

    final FakeTicker ticker = new FakeTicker();

    CircuitBreaker breaker(CircuitBreakerConfigBuilder config) {
        return CircuitBreaker.builder("test").config(config.build()).ticker(ticker).build();
    }

    @Test
    void theWindowCountsOnlyTheLastNCallsSoOldFailuresFallOut() {
        CircuitBreaker cb = breaker(CircuitBreakerConfig.builder().slidingWindowSize(4).failureThreshold(3));
        fail(cb, 2);
        succeed(cb, 2);
        assertThat(cb.stats().bufferedFailedCalls()).isEqualTo(2);
        succeed(cb);
        assertThat(cb.stats().bufferedFailedCalls()).isEqualTo(1);
        succeed(cb);
        assertThat(cb.stats().bufferedFailedCalls()).isZero();
        fail(cb, 2);
        assertThat(cb.state()).as("four failures so far, two in the window").isEqualTo(CircuitState.CLOSED);
        assertThat(cb.stats().bufferedCalls()).isEqualTo(4);
        fail(cb);
        assertThat(cb.state()).isEqualTo(CircuitState.OPEN);
    }

    @Test
    void aWindowOfOneOpensOnTheFirstFailureAndForgetsItAfterOneSuccess() {
        CircuitBreaker cb = breaker(CircuitBreakerConfig.builder().slidingWindowSize(1).failureThreshold(1));
        succeed(cb, 3);
        assertThat(cb.stats().bufferedCalls()).isEqualTo(1);
        fail(cb);
        assertThat(cb.state()).isEqualTo(CircuitState.OPEN);
    }

    @Test
    void aFailureRateExactlyAtTheThresholdOpensOnTheSuccessThatCompletesTheMinimum() {
        CircuitBreaker cb = breaker(CircuitBreakerConfig.builder().failureThreshold(0).failureRateThreshold(50)
                .minimumNumberOfCalls(4).slidingWindowSize(4));
        fail(cb);
        succeed(cb);
        fail(cb);
        assertThat(cb.stats().failureRate()).isEqualTo(-1);
        assertThat(cb.state()).isEqualTo(CircuitState.CLOSED);
        succeed(cb);
        assertThat(cb.state()).isEqualTo(CircuitState.OPEN);
        assertThat(cb.stats().failureRate()).isEqualTo(50.0);
    }

    @Test
    void aRateJustBelowTheThresholdKeepsItClosed() {
        CircuitBreaker cb = breaker(CircuitBreakerConfig.builder().failureThreshold(0).failureRateThreshold(50)
                .minimumNumberOfCalls(5).slidingWindowSize(5));
        fail(cb, 2);
        succeed(cb, 3);
        assertThat(cb.stats().failureRate()).isEqualTo(40.0);
        assertThat(cb.state()).isEqualTo(CircuitState.CLOSED);
    }

    @Test
    void ratesAreReportedAsMinusOneBelowTheMinimumNumberOfCalls() {
        CircuitBreaker cb = breaker(CircuitBreakerConfig.builder().failureThreshold(5).minimumNumberOfCalls(3));
        fail(cb, 2);
        assertThat(cb.stats().failureRate()).isEqualTo(-1);
        assertThat(cb.stats().slowCallRate()).isEqualTo(-1);
        succeed(cb);
        assertThat(cb.stats().failureRate()).isCloseTo(66.67, org.assertj.core.data.Offset.offset(0.01));
        assertThat(cb.stats().slowCallRate()).isZero();
    }

    @Test
    void aServiceThatAnswersTooSlowlyOpensTheBreakerWithoutAnyException() {
        CircuitBreaker cb = breaker(CircuitBreakerConfig.builder().slowCallDurationThreshold(Duration.ofMillis(100))
                .slowCallRateThreshold(50).minimumNumberOfCalls(4).slidingWindowSize(4));
        succeedTaking(cb, ticker, Duration.ofMillis(101));
        succeedTaking(cb, ticker, Duration.ofMillis(10));
        succeedTaking(cb, ticker, Duration.ofMillis(500));
        assertThat(cb.state()).isEqualTo(CircuitState.CLOSED);
        succeedTaking(cb, ticker, Duration.ofMillis(1));
        assertThat(cb.state()).isEqualTo(CircuitState.OPEN);
        CircuitBreakerStats stats = cb.stats();
        assertThat(stats.slowCalls()).isEqualTo(2);
        assertThat(stats.failedCalls()).isZero();
        assertThat(stats.successfulCalls()).isEqualTo(4);
        assertThat(stats.slowCallRate()).isEqualTo(50.0);
    }

    @Test
    void aCallExactlyAsSlowAsTheThresholdIsNotSlow() {
        CircuitBreaker cb = breaker(CircuitBreakerConfig.builder().slowCallDurationThreshold(Duration.ofMillis(100))
                .minimumNumberOfCalls(1).slidingWindowSize(1).failureThreshold(1));
        succeedTaking(cb, ticker, Duration.ofMillis(100));
        assertThat(cb.stats().slowCalls()).isZero();
        assertThat(cb.state()).isEqualTo(CircuitState.CLOSED);
        succeedTaking(cb, ticker, Duration.ofNanos(100_000_001));
        assertThat(cb.stats().slowCalls()).isEqualTo(1);
        assertThat(cb.state()).isEqualTo(CircuitState.OPEN);
    }

    @Test
    void aSlowFailureCountsAsBothSlowAndFailed() {
        CircuitBreaker cb = breaker(CircuitBreakerConfig.builder().slowCallDurationThreshold(Duration.ofMillis(100)).failureThreshold(3));
        failTaking(cb, ticker, Duration.ofSeconds(1));
        CircuitBreakerStats stats = cb.stats();
        assertThat(stats.slowCalls()).isEqualTo(1);
        assertThat(stats.failedCalls()).isEqualTo(1);
        assertThat(stats.bufferedSlowCalls()).isEqualTo(1);
        assertThat(stats.bufferedFailedCalls()).isEqualTo(1);
    }

    @Test
    void eachExceptionTypeCountsTowardItsOwnThreshold() {
        CircuitBreaker cb = breaker(CircuitBreakerConfig.builder().failureThreshold(5)
                .exceptionThreshold(TimeoutException.class, 2));
        fail(cb, new IOException("a"));
        fail(cb, new IOException("b"));
        fail(cb, new TimeoutException("t1"));
        assertThat(cb.state()).isEqualTo(CircuitState.CLOSED);
        fail(cb, new TimeoutException("t2"));
        assertThat(cb.state()).isEqualTo(CircuitState.OPEN);
    }

    @Test
    void otherErrorsStillNeedTheDefaultThresholdWhileTimeoutsHaveTheirOwn() {
        CircuitBreaker cb = breaker(CircuitBreakerConfig.builder().failureThreshold(5)
                .exceptionThreshold(TimeoutException.class, 2));
        fail(cb, new TimeoutException("t1"));
        for (int i = 0; i < 4; i++) {
            fail(cb, new IOException("e" + i));
        }
        assertThat(cb.state()).isEqualTo(CircuitState.CLOSED);
        fail(cb, new IOException("e5"));
        assertThat(cb.state()).isEqualTo(CircuitState.OPEN);
    }

    @Test
    void aFailureBelongsToTheMostSpecificConfiguredType() {
        CircuitBreaker cb = breaker(CircuitBreakerConfig.builder().failureThreshold(0)
                .exceptionThreshold(IOException.class, 3)
                .exceptionThreshold(FileNotFoundException.class, 1));
        fail(cb, new IOException("x"));
        fail(cb, new IOException("y"));
        assertThat(cb.state()).isEqualTo(CircuitState.CLOSED);
        fail(cb, new FileNotFoundException("z"));
        assertThat(cb.state()).isEqualTo(CircuitState.OPEN);
    }

    @Test
    void aSubclassOfAConfiguredTypeCountsTowardThatTypesThreshold() {
        CircuitBreaker cb = breaker(CircuitBreakerConfig.builder().failureThreshold(3)
                .exceptionThreshold(IOException.class, 1));
        fail(cb, new FileNotFoundException("subclass"));
        assertThat(cb.state()).isEqualTo(CircuitState.OPEN);
    }

    @Test
    void ignoredExceptionsCountAsNeitherAndIgnoreWinsOverRecord() {
        CircuitBreaker cb = breaker(CircuitBreakerConfig.builder().failureThreshold(1)
                .recordExceptions(IOException.class).ignoreExceptions(FileNotFoundException.class));
        fail(cb, new FileNotFoundException("ignored"));
        CircuitBreakerStats stats = cb.stats();
        assertThat(stats.ignoredCalls()).isEqualTo(1);
        assertThat(stats.failedCalls()).isZero();
        assertThat(stats.bufferedCalls()).isZero();
        assertThat(cb.state()).isEqualTo(CircuitState.CLOSED);
    }

    @Test
    void anExceptionNeitherRecordedNorIgnoredCountsAsASuccess() {
        CircuitBreaker cb = breaker(CircuitBreakerConfig.builder().failureThreshold(1).recordExceptions(IOException.class));
        fail(cb, new IllegalStateException("the downstream answered"));
        assertThat(cb.stats().successfulCalls()).isEqualTo(1);
        assertThat(cb.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(cb.isRecordedFailure(new IllegalStateException())).isFalse();
        assertThat(cb.isRecordedFailure(new UncheckedIOException(new IOException()))).isFalse();
        assertThat(cb.isRecordedFailure(new FileNotFoundException())).isTrue();
        fail(cb, new IOException("recorded"));
        assertThat(cb.state()).isEqualTo(CircuitState.OPEN);
    }

    @Test
    void aTypeWithItsOwnThresholdIsRecordedEvenWhenRecordExceptionsOmitsIt() {
        CircuitBreaker cb = breaker(CircuitBreakerConfig.builder().failureThreshold(3)
                .recordExceptions(IOException.class).exceptionThreshold(TimeoutException.class, 2));
        fail(cb, new IllegalStateException("not recorded"));
        fail(cb, new TimeoutException("t1"));
        assertThat(cb.stats().failedCalls()).isEqualTo(1);
        assertThat(cb.stats().successfulCalls()).isEqualTo(1);
        fail(cb, new TimeoutException("t2"));
        assertThat(cb.state()).isEqualTo(CircuitState.OPEN);
    }

    @Test
    void errorsCountLikeExceptionsAndPropagate() {
        CircuitBreaker cb = breaker(CircuitBreakerConfig.builder().failureThreshold(1));
        fail(cb, new StackOverflowError("deep"));
        assertThat(cb.stats().failedCalls()).isEqualTo(1);
        assertThat(cb.state()).isEqualTo(CircuitState.OPEN);
    }

    @Test
    void everyRuleIsEvaluatedAfterEveryOutcomeSuccessesIncluded() {
        CircuitBreaker cb = breaker(CircuitBreakerConfig.builder().failureThreshold(0).failureRateThreshold(50)
                .minimumNumberOfCalls(3).slidingWindowSize(3));
        fail(cb, 2);
        assertThat(cb.state()).isEqualTo(CircuitState.CLOSED);
        succeed(cb);
        assertThat(cb.state()).isEqualTo(CircuitState.OPEN);
    }
}
