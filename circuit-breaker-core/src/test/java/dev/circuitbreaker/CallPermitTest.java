package dev.circuitbreaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link CallPermit}: a call the caller runs and reports itself, as reactive operators and adapters do. */
class CallPermitTest {

    final FakeTicker ticker = new FakeTicker();
    final CircuitBreaker cb = CircuitBreaker.builder("permits").ticker(ticker)
            .config(CircuitBreakerConfig.builder().failureThreshold(2).successThreshold(1)
                    .permittedCallsInHalfOpenState(1).build()).build();

    @Test
    void aPermitIsTimedFromItsAcquisitionAndItsFirstReportWins() {
        List<String> heard = new ArrayList<>();
        cb.addListener(new CircuitBreakerListener() {
            @Override
            public void onSuccess(CircuitBreaker breaker, long durationNanos) {
                heard.add("success " + durationNanos);
            }

            @Override
            public void onError(CircuitBreaker breaker, Throwable error, long durationNanos) {
                heard.add("error");
            }
        });
        CallPermit permit = cb.acquirePermit();
        ticker.advance(Duration.ofMillis(30));

        permit.onSuccess();
        permit.onError(new IOException("too late"));
        permit.onCancel();

        assertThat(heard).containsExactly("success " + Duration.ofMillis(30).toNanos());
        assertThat(cb.stats().totalCalls()).isEqualTo(1);
        assertThat(cb.history()).singleElement().satisfies(r -> assertThat(r.responseTimeMs()).isEqualTo(30.0));
    }

    @Test
    void errorsAreClassifiedLikeAnyCallsAndCancellationCountsAsIgnored() {
        cb.acquirePermit().onError(new IOException("down"));
        cb.acquirePermit().onCancel();
        CircuitBreakerStats stats = cb.stats();
        assertThat(stats.failedCalls()).isEqualTo(1);
        assertThat(stats.ignoredCalls()).isEqualTo(1);
        assertThat(cb.history()).extracting(CallResult::outcome)
                .containsExactly(CallResult.Outcome.FAILURE, CallResult.Outcome.IGNORED);
    }

    @Test
    void aRejectedPermitIsCountedAndATrialPermitDecidesOrIsFreedByCancellation() {
        cb.forceOpen();
        assertThat(catchThrowable(cb::acquirePermit)).isInstanceOf(CircuitBreakerOpenException.class);
        assertThat(cb.stats().notPermittedCalls()).isEqualTo(1);

        cb.transitionToHalfOpen();
        CallPermit trial = cb.acquirePermit();
        assertThat(catchThrowable(cb::acquirePermit)).as("one trial at a time").isInstanceOf(CircuitBreakerOpenException.class);
        trial.onCancel();
        CallPermit next = cb.acquirePermit();
        next.onSuccess();
        assertThat(cb.state()).isEqualTo(CircuitState.CLOSED);
    }

    @Test
    void onErrorWithNullIsAFailureNamingTheBreakerRatherThanALostReport() {
        cb.acquirePermit().onError(null);
        assertThat(cb.stats().failedCalls()).isEqualTo(1);
        assertThat(cb.history()).singleElement().satisfies(r -> assertThat(r.errorMessage()).contains("permits"));
    }
}
