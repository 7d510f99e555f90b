package dev.circuitbreaker;

import static dev.circuitbreaker.Calls.fail;
import static dev.circuitbreaker.Calls.rejected;
import static dev.circuitbreaker.Calls.succeed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.circuitbreaker.internal.Transitions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Manual transitions, FORCED_OPEN, DISABLED and reset. */
class ManualControlTest {

    final FakeTicker ticker = new FakeTicker();
    final CircuitBreaker cb = CircuitBreaker.builder("manual").ticker(ticker)
            .config(CircuitBreakerConfig.builder().failureThreshold(2).build()).build();
    final List<String> transitions = new ArrayList<>();

    {
        cb.addListener(new CircuitBreakerListener() {
            @Override
            public void onStateTransition(CircuitBreaker breaker, CircuitState from, CircuitState to) {
                transitions.add(from + "->" + to);
            }
        });
    }

    @Test
    void forcedOpenRejectsEverythingForeverUntilAManualTransition() {
        cb.forceOpen();
        ticker.advance(Duration.ofDays(1));
        assertThat(rejected(cb)).isTrue();
        assertThat(cb.state()).isEqualTo(CircuitState.FORCED_OPEN);
        assertThat(cb.stats().remainingWait()).isZero();
        cb.transitionToClosed();
        assertThat(rejected(cb)).isFalse();
        assertThat(transitions).containsExactly("CLOSED->FORCED_OPEN", "FORCED_OPEN->CLOSED");
    }

    @Test
    void disabledCountsEveryCallAndDecidesNothing() {
        cb.disable();
        fail(cb, 10);
        succeed(cb, 3);
        assertThat(cb.state()).isEqualTo(CircuitState.DISABLED);
        CircuitBreakerStats stats = cb.stats();
        assertThat(stats.failedCalls()).isEqualTo(10);
        assertThat(stats.successfulCalls()).isEqualTo(3);
        assertThat(stats.bufferedCalls()).isZero();
    }

    @Test
    void statsTellHowLongTheBreakerHasBeenInItsState() {
        ticker.advance(Duration.ofSeconds(7));
        assertThat(cb.stats().timeInState()).isEqualTo(Duration.ofSeconds(7));
        cb.forceOpen();
        ticker.advanceMillis(1_500);
        assertThat(cb.stats().timeInState()).isEqualTo(Duration.ofMillis(1_500));
        cb.reset();
        assertThat(cb.stats().timeInState()).isZero();
    }

    @Test
    void aManualTransitionToTheCurrentStateIsANoOp() {
        fail(cb);
        cb.transitionToClosed();
        assertThat(cb.stats().bufferedFailedCalls()).isEqualTo(1);
        assertThat(transitions).isEmpty();
    }

    @Test
    void manualOpenStartsTheWaitNowAndAutomaticRecoveryFollows() {
        cb.transitionToOpen();
        assertThat(cb.stats().remainingWait()).isEqualTo(Duration.ofSeconds(5));
        ticker.advance(Duration.ofSeconds(5));
        succeed(cb, 2);
        assertThat(transitions).containsExactly("CLOSED->OPEN", "OPEN->HALF_OPEN", "HALF_OPEN->CLOSED");
    }

    @Test
    void resetClearsStateWindowCountersAndHistory() {
        fail(cb, 2);
        assertThat(cb.state()).isEqualTo(CircuitState.OPEN);
        rejected(cb);
        cb.reset();
        CircuitBreakerStats stats = cb.stats();
        assertThat(stats.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(stats.totalCalls()).isZero();
        assertThat(stats.bufferedCalls()).isZero();
        assertThat(cb.history()).isEmpty();
        succeed(cb);
        assertThat(cb.history()).hasSize(1);
        assertThat(transitions).containsExactly("CLOSED->OPEN", "OPEN->CLOSED");
    }

    @Test
    void onlyTheSpecsEdgesAreAutomaticWhileAnyChangeIsAllowedByHand() {
        for (CircuitState from : CircuitState.values()) {
            for (CircuitState to : CircuitState.values()) {
                boolean expected = from == CircuitState.CLOSED && to == CircuitState.OPEN
                        || from == CircuitState.OPEN && to == CircuitState.HALF_OPEN
                        || from == CircuitState.HALF_OPEN && (to == CircuitState.CLOSED || to == CircuitState.OPEN);
                assertThat(Transitions.isAutomatic(from, to)).as(from + "->" + to).isEqualTo(expected);
                assertThat(Transitions.isManual(from, to)).isEqualTo(from != to);
            }
        }
    }

    @Test
    void everyManualTransitionIsHeardOnce() {
        cb.forceOpen();
        cb.disable();
        cb.transitionToHalfOpen();
        cb.transitionToOpen();
        cb.transitionToClosed();
        assertThat(transitions).containsExactly("CLOSED->FORCED_OPEN", "FORCED_OPEN->DISABLED", "DISABLED->HALF_OPEN",
                "HALF_OPEN->OPEN", "OPEN->CLOSED");
    }
}
