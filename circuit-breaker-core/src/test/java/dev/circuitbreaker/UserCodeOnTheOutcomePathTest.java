package dev.circuitbreaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOError;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/**
 * Regressions for issue 11, defect 1: user code on the outcome path (listeners, an exception's {@code getMessage()})
 * that throws any {@code Throwable} never breaks a call. Each test failed before the fix.
 */
class UserCodeOnTheOutcomePathTest {

    final FakeTicker ticker = new FakeTicker();
    final IOException calleeFailure = new IOException("bank down");

    /** A listener that throws {@code thrown} from every event, checked exceptions included (as Kotlin code may). */
    static CircuitBreakerListener throwing(Throwable thrown) {
        return new CircuitBreakerListener() {
            @Override
            public void onStateTransition(CircuitBreaker breaker, CircuitState from, CircuitState to) {
                sneakyThrow(thrown);
            }

            @Override
            public void onSuccess(CircuitBreaker breaker, long durationNanos) {
                sneakyThrow(thrown);
            }

            @Override
            public void onError(CircuitBreaker breaker, Throwable error, long durationNanos) {
                sneakyThrow(thrown);
            }

            @Override
            public void onCallNotPermitted(CircuitBreaker breaker) {
                sneakyThrow(thrown);
            }
        };
    }

    @SuppressWarnings("unchecked")
    static <E extends Throwable> void sneakyThrow(Throwable t) throws E {
        throw (E) t;
    }

    CircuitBreaker breaker(CircuitBreakerConfigBuilder config) {
        return CircuitBreaker.builder("payments").ticker(ticker).config(config.build()).build();
    }

    @Test
    void aSuccessfulCallReturnsItsResultWhenAListenerThrowsAnError() {
        CircuitBreaker cb = breaker(CircuitBreakerConfig.builder());
        cb.addListener(throwing(new IOError(new IOException("listener broke"))));

        assertThat(cb.get(() -> "paid")).isEqualTo("paid");
        assertThat(cb.stats().successfulCalls()).isEqualTo(1);
    }

    @Test
    void theTrippingCallerGetsTheCalleesExceptionWhenAListenerThrowsACheckedOne() {
        CircuitBreaker cb = breaker(CircuitBreakerConfig.builder().failureThreshold(1));
        cb.addListener(throwing(new IOException("listener broke")));

        Throwable thrown = catchThrowable(() -> cb.call(() -> {
            throw calleeFailure;
        }));

        assertThat(thrown).isSameAs(calleeFailure);
        assertThat(cb.state()).isEqualTo(CircuitState.OPEN);
        assertThat(cb.stats().failedCalls()).isEqualTo(1);
    }

    @Test
    void anAsyncCallCompletesWhenAListenerThrowsAnError() {
        CircuitBreaker cb = breaker(CircuitBreakerConfig.builder());
        cb.addListener(throwing(new IOError(new IOException("listener broke"))));
        CompletableFuture<String> downstream = new CompletableFuture<>();

        CompletableFuture<String> result = cb.callAsync(() -> downstream);
        downstream.complete("paid");

        assertThat(result).isCompletedWithValue("paid");
        assertThat(cb.stats().successfulCalls()).isEqualTo(1);
    }

    @Test
    void aRejectedAsyncCallIsAFailedStageWhenTheRejectionListenerThrows() {
        CircuitBreaker cb = breaker(CircuitBreakerConfig.builder());
        cb.forceOpen();
        cb.addListener(throwing(new StackOverflowError("listener broke")));

        CompletableFuture<String> result = cb.callAsync(() -> CompletableFuture.completedFuture("never"));

        assertThat(result).failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(CircuitBreakerOpenException.class);
        assertThat(cb.stats().notPermittedCalls()).isEqualTo(1);
    }

    @Test
    void aThrowingListenerOnOneGroupMemberNeitherSilencesTheOthersNorReachesTheCaller() {
        CircuitBreakerRegistry registry = CircuitBreakerRegistry.builder().ticker(ticker).build();
        CircuitBreakerConfig grouped = CircuitBreakerConfig.builder().failureThreshold(1).group("bank").build();
        CircuitBreaker first = registry.circuitBreaker("first", grouped);
        CircuitBreaker second = registry.circuitBreaker("second", grouped);
        first.addListener(throwing(new IOError(new IOException("listener broke"))));
        List<String> heard = new ArrayList<>();
        second.addListener(new CircuitBreakerListener() {
            @Override
            public void onStateTransition(CircuitBreaker breaker, CircuitState from, CircuitState to) {
                heard.add(from + "->" + to);
            }
        });

        Throwable thrown = catchThrowable(() -> first.call(() -> {
            throw calleeFailure;
        }));

        assertThat(thrown).isSameAs(calleeFailure);
        assertThat(heard).containsExactly("CLOSED->OPEN");
    }

    /** Before: the throw left the history ring taken for good, the call uncounted and the trial permit leaked. */
    @Test
    void aGetMessageThatThrowsLeavesHistoryCountersAndTrialPermitsIntact() {
        CircuitBreaker cb = breaker(CircuitBreakerConfig.builder().failureThreshold(5).successThreshold(1)
                .permittedCallsInHalfOpenState(1));
        RuntimeException broken = new IllegalStateException() {
            @Override
            public String getMessage() {
                throw new AssertionError("getMessage broke");
            }
        };

        for (int i = 0; i < 4; i++) {
            Throwable thrown = catchThrowable(() -> cb.call(() -> {
                throw broken;
            }));
            assertThat(thrown).isSameAs(broken);
        }
        assertThat(cb.stats().failedCalls()).isEqualTo(4);
        assertThat(cb.history()).hasSize(4).allSatisfy(r ->
                assertThat(r.errorMessage()).isEqualTo(broken.getClass().getName()));

        cb.transitionToHalfOpen();
        assertThat(catchThrowable(() -> cb.call(() -> {
            throw broken;
        }))).isSameAs(broken);
        assertThat(cb.state()).as("the trial's failure decided").isEqualTo(CircuitState.OPEN);
        cb.transitionToHalfOpen();
        assertThat(cb.get(() -> "paid")).as("the trial permit was freed").isEqualTo("paid");
        assertThat(cb.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(cb.history()).hasSize(6);
    }
}
