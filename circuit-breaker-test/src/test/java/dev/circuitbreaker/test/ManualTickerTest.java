package dev.circuitbreaker.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.circuitbreaker.CircuitBreaker;
import dev.circuitbreaker.CircuitBreakerConfig;
import dev.circuitbreaker.CircuitBreakerOpenException;
import dev.circuitbreaker.CircuitState;
import java.io.IOException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ManualTickerTest {

    @Test
    void readsZeroOrItsStartValueAndNeverMovesOnItsOwn() {
        ManualTicker ticker = new ManualTicker();
        long first = ticker.read();
        for (int i = 0; i < 10_000; i++) {
            assertThat(ticker.read()).isEqualTo(first);
        }
        assertThat(first).isZero();
        assertThat(new ManualTicker(Long.MAX_VALUE - 5).read()).isEqualTo(Long.MAX_VALUE - 5);
    }

    @Test
    void advancesByExactlyWhatItIsGiven() {
        ManualTicker ticker = new ManualTicker(1_000);
        assertThat(ticker.advance(Duration.ofMillis(1))).isSameAs(ticker);
        assertThat(ticker.read()).isEqualTo(1_001_000);
        ticker.advance(Duration.ZERO).advance(3, TimeUnit.NANOSECONDS).advance(2, TimeUnit.SECONDS);
        assertThat(ticker.read()).isEqualTo(2_001_001_003L);
        assertThat(ticker).hasToString("ManualTicker[2001001003 ns]");
    }

    @Test
    void wrapsAroundLikeNanoTime() {
        ManualTicker ticker = new ManualTicker(Long.MAX_VALUE);
        ticker.advance(Duration.ofNanos(2));
        assertThat(ticker.read()).isEqualTo(Long.MIN_VALUE + 1);
    }

    @Test
    void rejectsGoingBackwardsAndNonsenseWithAClearMessage() {
        ManualTicker ticker = new ManualTicker();
        assertThatThrownBy(() -> ticker.advance(Duration.ofMillis(-5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("duration must not be negative (a ticker never goes backwards) but was PT-0.005S");
        assertThatThrownBy(() -> ticker.advance(-1, TimeUnit.SECONDS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("amount must not be negative (a ticker never goes backwards) but was -1 SECONDS");
        assertThatThrownBy(() -> ticker.advance(null))
                .isInstanceOf(NullPointerException.class).hasMessage("duration must not be null");
        assertThatThrownBy(() -> ticker.advance(1, null))
                .isInstanceOf(NullPointerException.class).hasMessage("unit must not be null");
        assertThatThrownBy(() -> ticker.advance(Duration.of(300 * 365, ChronoUnit.DAYS)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("duration must be at most Long.MAX_VALUE nanoseconds").hasMessageEndingWith("PT2628000H");
        assertThatThrownBy(() -> ticker.advance(Long.MAX_VALUE, TimeUnit.DAYS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("amount must be at most Long.MAX_VALUE nanoseconds");
        assertThat(ticker.read()).as("a rejected advance moves nothing").isZero();
    }

    @Test
    void concurrentAdvancesAreNeverLost() throws Exception {
        int threads = 8;
        int rounds = 10_000;
        ManualTicker ticker = new ManualTicker();
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    start.await();
                    long last = ticker.read();
                    for (int i = 0; i < rounds; i++) {
                        ticker.advance(Duration.ofNanos(3));
                        long now = ticker.read();
                        assertThat(now).as("never backwards").isGreaterThan(last);
                        last = now;
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(ticker.read()).isEqualTo(3L * threads * rounds);
    }

    @Test
    void drivesABreakersOpenWaitToTheNanosecondWithoutSleeping() throws Exception {
        ManualTicker ticker = new ManualTicker();
        CircuitBreaker breaker = CircuitBreaker.builder("payments").config(CircuitBreakerConfig.ofDefaults())
                .ticker(ticker).build();
        breaker.run(() -> { });
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> breaker.call(() -> {
                throw new IOException("bank down");
            })).isInstanceOf(IOException.class);
        }
        assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
        assertThat(breaker.stats().remainingWait()).isEqualTo(Duration.ofSeconds(5));

        ticker.advance(Duration.ofSeconds(5).minusNanos(1));
        assertThatThrownBy(() -> breaker.run(() -> { })).isInstanceOf(CircuitBreakerOpenException.class);
        assertThat(breaker.stats().remainingWait()).isEqualTo(Duration.ofNanos(1));

        ticker.advance(Duration.ofNanos(1));
        breaker.run(() -> { });
        breaker.run(() -> { });
        assertThat(breaker.state()).as("two trial successes close it").isEqualTo(CircuitState.CLOSED);
    }

    @Test
    void aCallTakesExactlyAsLongAsTheTickerMovedWhileItRan() throws Exception {
        ManualTicker ticker = new ManualTicker();
        CircuitBreaker breaker = CircuitBreaker.builder("slow").ticker(ticker).config(CircuitBreakerConfig.builder()
                .slowCallDurationThreshold(Duration.ofMillis(100)).slowCallRateThreshold(100).minimumNumberOfCalls(2)
                .failureThreshold(0).build()).build();
        breaker.run(() -> ticker.advance(Duration.ofMillis(100)));
        breaker.run(() -> ticker.advance(Duration.ofMillis(99)));
        assertThat(breaker.stats().slowCalls()).as("100 ms is not slower than 100 ms").isZero();
        breaker.run(() -> ticker.advance(Duration.ofMillis(101)));
        assertThat(breaker.stats().slowCalls()).isEqualTo(1);
        assertThat(breaker.history()).extracting(r -> r.responseTimeMs()).containsExactly(100.0, 99.0, 101.0);
    }
}
