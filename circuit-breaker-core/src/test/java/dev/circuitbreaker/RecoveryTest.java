package dev.circuitbreaker;

import static dev.circuitbreaker.Calls.fail;
import static dev.circuitbreaker.Calls.rejected;
import static dev.circuitbreaker.Calls.succeed;
import static dev.circuitbreaker.Calls.succeedTaking;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** OPEN and HALF_OPEN: the wait, the trials, their permits, and the backoff. */
class RecoveryTest {

    final FakeTicker ticker = new FakeTicker();

    CircuitBreaker open(CircuitBreakerConfigBuilder config) {
        CircuitBreaker cb = CircuitBreaker.builder("recovery").ticker(ticker).config(config.failureThreshold(1).build()).build();
        fail(cb);
        assertThat(cb.state()).isEqualTo(CircuitState.OPEN);
        return cb;
    }

    CircuitBreaker halfOpen(CircuitBreakerConfigBuilder config) {
        CircuitBreaker cb = open(config);
        ticker.advance(cb.config().waitDurationInOpenState());
        return cb;
    }

    @Test
    void openRejectsUntilTheWaitHasFullyElapsed() {
        CircuitBreaker cb = open(CircuitBreakerConfig.builder());
        ticker.advance(Duration.ofSeconds(5).minusNanos(1));
        assertThat(rejected(cb)).isTrue();
        assertThat(cb.stats().remainingWait()).isEqualTo(Duration.ofNanos(1));
        ticker.advance(Duration.ofNanos(1));
        assertThat(cb.stats().remainingWait()).isZero();
        assertThat(rejected(cb)).isFalse();
    }

    @Test
    void readingStateAndStatsNeverCausesATransition() {
        CircuitBreaker cb = open(CircuitBreakerConfig.builder());
        ticker.advance(Duration.ofMinutes(1));
        for (int i = 0; i < 3; i++) {
            assertThat(cb.state()).isEqualTo(CircuitState.OPEN);
            assertThat(cb.stats().state()).isEqualTo(CircuitState.OPEN);
            cb.history();
        }
        assertThat(cb.stats().notPermittedCalls()).isZero();
    }

    @Test
    void theRejectionTellsTheBreakerTheStateAndTheRemainingWait() {
        CircuitBreaker cb = open(CircuitBreakerConfig.builder());
        ticker.advance(Duration.ofSeconds(2));
        assertThatThrownBy(() -> cb.run(() -> { }))
                .isInstanceOfSatisfying(CircuitBreakerOpenException.class, e -> {
                    assertThat(e.breakerName()).isEqualTo("recovery");
                    assertThat(e.state()).isEqualTo(CircuitState.OPEN);
                    assertThat(e.remainingWait()).isEqualTo(Duration.ofSeconds(3));
                    assertThat(e.getStackTrace()).isEmpty();
                    assertThat(e.getMessage()).contains("'recovery' is OPEN").contains("3000 ms");
                });
        assertThat(cb.stats().notPermittedCalls()).isEqualTo(1);
        assertThat(cb.stats().totalCalls()).isEqualTo(2);
    }

    @Test
    void successThresholdConsecutiveTrialSuccessesClose() {
        CircuitBreaker cb = halfOpen(CircuitBreakerConfig.builder().successThreshold(3));
        succeed(cb, 2);
        assertThat(cb.state()).isEqualTo(CircuitState.HALF_OPEN);
        assertThat(cb.stats().bufferedCalls()).isEqualTo(2);
        succeed(cb);
        assertThat(cb.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(cb.stats().bufferedCalls()).as("entering CLOSED starts an empty window").isZero();
    }

    @Test
    void anyTrialFailureReopensAndRestartsTheWait() {
        CircuitBreaker cb = halfOpen(CircuitBreakerConfig.builder().successThreshold(3));
        succeed(cb);
        fail(cb);
        assertThat(cb.state()).isEqualTo(CircuitState.OPEN);
        assertThat(cb.stats().remainingWait()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void aSlowTrialIsAFailedTrialWhenTheSlowCallRuleIsOn() {
        CircuitBreaker cb = halfOpen(CircuitBreakerConfig.builder().slowCallDurationThreshold(Duration.ofMillis(50)));
        succeedTaking(cb, ticker, Duration.ofMillis(51));
        assertThat(cb.state()).isEqualTo(CircuitState.OPEN);
    }

    @Test
    void atMostThePermittedTrialsRunAtOnceAndAFinishedTrialFreesItsPermit() {
        CircuitBreaker cb = halfOpen(CircuitBreakerConfig.builder().successThreshold(3).permittedCallsInHalfOpenState(2));
        CompletableFuture<String> first = new CompletableFuture<>();
        CompletableFuture<String> second = new CompletableFuture<>();
        CompletableFuture<String> a = cb.callAsync(() -> first);
        CompletableFuture<String> b = cb.callAsync(() -> second);
        assertThat(cb.callAsync(() -> CompletableFuture.completedFuture("third")))
                .isCompletedExceptionally()
                .failsWithin(Duration.ZERO).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .havingCause().isInstanceOf(CircuitBreakerOpenException.class);
        first.complete("ok");
        assertThat(a).isCompletedWithValue("ok");
        assertThat(cb.callAsync(() -> CompletableFuture.completedFuture("third"))).isCompletedWithValue("third");
        assertThat(cb.state()).isEqualTo(CircuitState.HALF_OPEN);
        second.complete("ok");
        assertThat(b).isCompletedWithValue("ok");
        assertThat(cb.state()).isEqualTo(CircuitState.CLOSED);
    }

    @Test
    void anIgnoredTrialFreesItsPermitAndDecidesNothing() {
        CircuitBreaker cb = halfOpen(CircuitBreakerConfig.builder().permittedCallsInHalfOpenState(1)
                .ignoreExceptions(FileNotFoundException.class));
        fail(cb, new FileNotFoundException("ignored"));
        assertThat(cb.state()).isEqualTo(CircuitState.HALF_OPEN);
        succeed(cb, 2);
        assertThat(cb.state()).isEqualTo(CircuitState.CLOSED);
    }

    @Test
    void aTrialThatNeverReportsBackFreesItsPermitAfterTheMaximumWait() {
        CircuitBreaker cb = halfOpen(CircuitBreakerConfig.builder().permittedCallsInHalfOpenState(1)
                .maxWaitDurationInHalfOpenState(Duration.ofSeconds(30)));
        CompletableFuture<String> hung = new CompletableFuture<>();
        cb.callAsync(() -> hung);
        ticker.advance(Duration.ofSeconds(30).minusNanos(1));
        assertThat(rejected(cb)).isTrue();
        ticker.advance(Duration.ofNanos(1));
        CompletableFuture<String> fresh = new CompletableFuture<>();
        cb.callAsync(() -> fresh);
        hung.completeExceptionally(new IOException("too late"));
        assertThat(cb.state()).as("a late result decides nothing").isEqualTo(CircuitState.HALF_OPEN);
        assertThat(cb.stats().failedCalls()).as("but it is counted").isEqualTo(2);
        fresh.complete("ok");
        succeed(cb);
        assertThat(cb.state()).isEqualTo(CircuitState.CLOSED);
    }

    @Test
    void anExpiredTrialReportingBeforeItsPermitIsReusedStillDecidesNothing() {
        CircuitBreaker cb = halfOpen(CircuitBreakerConfig.builder().permittedCallsInHalfOpenState(1)
                .maxWaitDurationInHalfOpenState(Duration.ofSeconds(30)));
        CompletableFuture<String> slow = new CompletableFuture<>();
        cb.callAsync(() -> slow);
        ticker.advance(Duration.ofSeconds(31));
        slow.completeExceptionally(new IOException("late"));
        assertThat(cb.state()).isEqualTo(CircuitState.HALF_OPEN);
        assertThat(rejected(cb)).as("the expired permit was freed").isFalse();
    }

    @Test
    void aResultReportedAfterTheStateMovedOnIsCountedButDecidesNothing() {
        CircuitBreaker cb = CircuitBreaker.builder("late").ticker(ticker).config(CircuitBreakerConfig.builder().failureThreshold(1).build()).build();
        CompletableFuture<String> pending = new CompletableFuture<>();
        cb.callAsync(() -> pending);
        cb.transitionToOpen();
        cb.transitionToClosed();
        pending.completeExceptionally(new IOException("from the old CLOSED period"));
        assertThat(cb.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(cb.stats().failedCalls()).isEqualTo(1);
        assertThat(cb.stats().bufferedCalls()).isZero();
    }

    @Test
    void eachFailedRecoveryMultipliesTheWaitUpToTheCapAndClosingResetsIt() {
        CircuitBreaker cb = open(CircuitBreakerConfig.builder().waitDurationInOpenState(Duration.ofSeconds(10))
                .backoffMultiplier(2).maxWaitDurationInOpenState(Duration.ofSeconds(35)));
        long[] expectedWaits = {20, 35, 35};
        Duration wait = Duration.ofSeconds(10);
        for (long expected : expectedWaits) {
            ticker.advance(wait);
            fail(cb);
            wait = cb.stats().remainingWait();
            assertThat(wait).isEqualTo(Duration.ofSeconds(expected));
        }
        ticker.advance(wait);
        succeed(cb, 2);
        assertThat(cb.state()).isEqualTo(CircuitState.CLOSED);
        fail(cb);
        assertThat(cb.stats().remainingWait()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void manualTransitionsDoNotGrowTheBackoffButKeepIt() {
        CircuitBreaker cb = open(CircuitBreakerConfig.builder().waitDurationInOpenState(Duration.ofSeconds(10))
                .backoffMultiplier(3).maxWaitDurationInOpenState(Duration.ofMinutes(5)));
        ticker.advance(Duration.ofSeconds(10));
        fail(cb);
        assertThat(cb.stats().remainingWait()).isEqualTo(Duration.ofSeconds(30));
        cb.transitionToHalfOpen();
        cb.transitionToOpen();
        assertThat(cb.stats().remainingWait()).isEqualTo(Duration.ofSeconds(30));
        cb.transitionToClosed();
        cb.transitionToOpen();
        assertThat(cb.stats().remainingWait()).isEqualTo(Duration.ofSeconds(10));
    }
}
