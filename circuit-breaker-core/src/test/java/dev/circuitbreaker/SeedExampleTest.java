package dev.circuitbreaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The seed design's example flow, literally, with the defaults and a fake ticker. */
class SeedExampleTest {

    final FakeTicker ticker = new FakeTicker();
    final CircuitBreaker cb = CircuitBreaker.builder("payments").ticker(ticker).build();
    final AtomicInteger bankCalls = new AtomicInteger();

    String charge(String txn, boolean ok) throws IOException {
        bankCalls.incrementAndGet();
        if (!ok) {
            throw new IOException("bank refused " + txn);
        }
        return "receipt-" + txn;
    }

    @Test
    void successThenThreeFailuresOpensThenTwoTrialSuccessesAfterFiveSecondsClose() throws Exception {
        assertThat(cb.call(() -> charge("txn_1", true))).isEqualTo("receipt-txn_1");
        for (String txn : new String[] {"txn_2", "txn_3", "txn_4"}) {
            assertThatThrownBy(() -> cb.call(() -> charge(txn, false))).isInstanceOf(IOException.class);
        }
        assertThat(cb.state()).isEqualTo(CircuitState.OPEN);

        assertThatThrownBy(() -> cb.call(() -> charge("txn_5", true)))
                .isInstanceOf(CircuitBreakerOpenException.class)
                .satisfies(e -> assertThat(((CircuitBreakerOpenException) e).remainingWait()).isEqualTo(Duration.ofSeconds(5)));
        assertThat(bankCalls).hasValue(4);

        ticker.advance(Duration.ofSeconds(5));
        assertThat(cb.call(() -> charge("txn_6", true))).isEqualTo("receipt-txn_6");
        assertThat(cb.state()).isEqualTo(CircuitState.HALF_OPEN);
        assertThat(cb.call(() -> charge("txn_7", true))).isEqualTo("receipt-txn_7");
        assertThat(cb.state()).isEqualTo(CircuitState.CLOSED);

        CircuitBreakerStats stats = cb.stats();
        assertThat(stats.totalCalls()).isEqualTo(7);
        assertThat(stats.successfulCalls()).isEqualTo(3);
        assertThat(stats.failedCalls()).isEqualTo(3);
        assertThat(stats.notPermittedCalls()).isEqualTo(1);
        assertThat(stats.bufferedCalls()).isZero();
        assertThat(cb.history()).hasSize(6);
    }
}
