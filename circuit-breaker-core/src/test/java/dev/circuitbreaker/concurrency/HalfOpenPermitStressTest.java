package dev.circuitbreaker.concurrency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.circuitbreaker.CircuitBreaker;
import dev.circuitbreaker.CircuitBreakerConfig;
import dev.circuitbreaker.CircuitBreakerOpenException;
import dev.circuitbreaker.CircuitBreakerStats;
import dev.circuitbreaker.FakeTicker;
import dev.circuitbreaker.TestScale;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * 16 threads released at once by a barrier onto a HALF_OPEN breaker with 3 permits: exactly 3 are admitted, in
 * every one of 10,000 rounds. Admitted trials block inside the callee until all 16 threads have tried, so no permit
 * is freed while the others ask; the counters of each round are exact too.
 */
class HalfOpenPermitStressTest {

    static final int THREADS = 16;
    static final int PERMITS = 3;
    static final int ROUNDS = 10_000 * TestScale.factor();

    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);

    @AfterEach
    void stopPool() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void sixteenThreadsReleasedAtOnceOntoThreePermitsAdmitExactlyThreeInEveryRound() throws Exception {
        CircuitBreaker breaker = CircuitBreaker.builder("stress")
                .config(CircuitBreakerConfig.builder().successThreshold(PERMITS).permittedCallsInHalfOpenState(PERMITS).build())
                .ticker(new FakeTicker())
                .build();
        CyclicBarrier start = new CyclicBarrier(THREADS);
        for (int round = 0; round < ROUNDS; round++) {
            breaker.reset();
            breaker.transitionToHalfOpen();
            CountDownLatch allTried = new CountDownLatch(THREADS);
            List<Callable<Boolean>> tasks = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                tasks.add(() -> trial(breaker, start, allTried));
            }
            int admitted = 0;
            for (Future<Boolean> f : pool.invokeAll(tasks)) {
                admitted += f.get() ? 1 : 0;
            }
            CircuitBreakerStats stats = breaker.stats();
            assertThat(admitted).as("admitted trials in round %d", round).isEqualTo(PERMITS);
            assertThat(stats.successfulCalls()).as("successes in round %d", round).isEqualTo(PERMITS);
            assertThat(stats.notPermittedCalls()).as("rejections in round %d", round).isEqualTo(THREADS - PERMITS);
            assertThat(stats.totalCalls()).as("total in round %d", round).isEqualTo(THREADS);
        }
    }

    private static boolean trial(CircuitBreaker breaker, CyclicBarrier start, CountDownLatch allTried) throws Exception {
        start.await(10, TimeUnit.SECONDS);
        try {
            breaker.call(() -> {
                allTried.countDown();
                if (!allTried.await(10, TimeUnit.SECONDS)) {
                    throw new AssertionError("the other threads never tried");
                }
                return "ok";
            });
            return true;
        } catch (CircuitBreakerOpenException rejected) {
            allTried.countDown();
            return false;
        }
    }
}
