package dev.circuitbreaker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Regression: found by the reference-model test (BreakerMatchesReferenceModelTest). */
class SlowTrialReopenWindowTest {

    @Test
    void aSlowSuccessfulTrialThatReopensTheBreakerCountsAsOneCallOfTheWindowItLeaves() throws Exception {
        FakeTicker ticker = new FakeTicker();
        CircuitBreaker cb = CircuitBreaker.builder("slow-trial")
                .config(CircuitBreakerConfig.builder().slowCallDurationThreshold(Duration.ofSeconds(1)).build())
                .ticker(ticker)
                .build();
        cb.transitionToHalfOpen();

        cb.call(() -> {
            ticker.advanceMillis(1001);
            return "answered, too slowly";
        });

        CircuitBreakerStats stats = cb.stats();
        assertThat(stats.state()).isEqualTo(CircuitState.OPEN);
        assertThat(stats.bufferedCalls()).isEqualTo(1);
        assertThat(stats.bufferedSlowCalls()).isEqualTo(1);
        assertThat(stats.bufferedFailedCalls()).isZero();
    }
}
