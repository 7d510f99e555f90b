package dev.circuitbreaker.concurrency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.circuitbreaker.CircuitBreaker;
import dev.circuitbreaker.CircuitBreakerConfig;
import dev.circuitbreaker.CircuitBreakerStats;
import dev.circuitbreaker.CircuitState;
import dev.circuitbreaker.FakeTicker;
import dev.circuitbreaker.TestScale;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Asynchronous trials: 8 threads released at once call {@code callAsync} on a HALF_OPEN breaker with 3 permits and
 * downstream futures nobody has completed yet, so exactly 3 are admitted. Other threads then finish those 3 at once:
 * one by a cancellation racing a completion of the same call, one with an ignored exception, one with a success.
 * Every permit comes back (a second wave is admitted exactly 3 times again), the raced call is counted exactly once,
 * and the counters of every round are exact.
 */
class AsyncTrialStressTest {

    static final int CALLERS = 8;
    static final int PERMITS = 3;
    static final int ROUNDS = 2_000 * TestScale.factor();

    private final ExecutorService pool = Executors.newFixedThreadPool(CALLERS);

    @AfterEach
    void stopPool() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    /** One started call: the downstream the test completes and the future the breaker returned. */
    record Started(CompletableFuture<String> downstream, CompletableFuture<String> call) {
    }

    @Test
    void asyncTrialsFinishedByOtherThreadsAndCancellationsGiveEveryPermitBackExactlyOnce() throws Exception {
        CircuitBreaker breaker = CircuitBreaker.builder("async")
                .config(CircuitBreakerConfig.builder()
                        .successThreshold(1_000)
                        .permittedCallsInHalfOpenState(PERMITS)
                        .ignoreExceptions(HeldCalls.IgnoredException.class)
                        .build())
                .ticker(new FakeTicker())
                .build();
        CyclicBarrier callers = new CyclicBarrier(CALLERS);
        CyclicBarrier finishers = new CyclicBarrier(4);
        for (int round = 0; round < ROUNDS; round++) {
            breaker.reset();
            breaker.transitionToHalfOpen();

            List<Started> admitted = wave(breaker, callers);
            assertThat(admitted).as("first wave admitted in round %d", round).hasSize(PERMITS);
            Started raced = admitted.get(0);
            Started ignored = admitted.get(1);
            Started succeeded = admitted.get(2);
            List<Callable<Object>> finishes = List.of(
                    () -> { finishers.await(10, TimeUnit.SECONDS); return raced.call().cancel(true); },
                    () -> { finishers.await(10, TimeUnit.SECONDS); return raced.downstream().complete("late"); },
                    () -> { finishers.await(10, TimeUnit.SECONDS); return ignored.downstream().completeExceptionally(HeldCalls.IGNORED_EXCEPTION); },
                    () -> { finishers.await(10, TimeUnit.SECONDS); return succeeded.downstream().complete("ok"); });
            for (var f : pool.invokeAll(finishes)) {
                f.get();
            }
            CircuitBreakerStats afterFirst = breaker.stats();
            assertThat(afterFirst.successfulCalls() + afterFirst.ignoredCalls())
                    .as("each of the 3 trials counted once in round %d", round).isEqualTo(PERMITS);
            assertThat(afterFirst.ignoredCalls()).as("ignored in round %d", round).isBetween(1L, 2L);
            assertThat(afterFirst.notPermittedCalls()).isEqualTo(CALLERS - PERMITS);
            assertThat(breaker.state()).isEqualTo(CircuitState.HALF_OPEN);

            List<Started> second = wave(breaker, callers);
            assertThat(second).as("second wave admitted in round %d: every permit came back", round).hasSize(PERMITS);
            for (Started s : second) {
                s.downstream().complete("ok");
                assertThat(s.call()).isCompletedWithValue("ok");
            }
            CircuitBreakerStats stats = breaker.stats();
            assertThat(stats.notPermittedCalls()).isEqualTo(2L * (CALLERS - PERMITS));
            assertThat(stats.totalCalls()).isEqualTo(2L * CALLERS);
            assertThat(stats.successfulCalls() + stats.ignoredCalls()).isEqualTo(2L * PERMITS);
        }
    }

    private List<Started> wave(CircuitBreaker breaker, CyclicBarrier callers) throws Exception {
        List<Callable<Started>> tasks = new ArrayList<>();
        for (int t = 0; t < CALLERS; t++) {
            tasks.add(() -> {
                CompletableFuture<String> downstream = new CompletableFuture<>();
                callers.await(10, TimeUnit.SECONDS);
                CompletableFuture<String> call = breaker.callAsync(() -> downstream);
                return call.isCompletedExceptionally() ? null : new Started(downstream, call);
            });
        }
        List<Started> admitted = new ArrayList<>();
        for (var f : pool.invokeAll(tasks)) {
            Started s = f.get();
            if (s != null) {
                admitted.add(s);
            }
        }
        return admitted;
    }
}
