package dev.circuitbreaker.concurrency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.circuitbreaker.CircuitBreaker;
import dev.circuitbreaker.CircuitBreakerConfig;
import dev.circuitbreaker.CircuitBreakerOpenException;
import dev.circuitbreaker.CircuitBreakerRegistry;
import dev.circuitbreaker.CircuitBreakerStats;
import dev.circuitbreaker.CircuitState;
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
 * Two breakers of one registry in the same circuit group share one HALF_OPEN state with 3 permits: 16 threads,
 * half calling through each member, released at once, are admitted exactly 3 times in total in every round, and
 * each member's own counters say exactly how many of its callers were admitted and rejected.
 */
class GroupPermitStressTest {

    static final int THREADS = 16;
    static final int PERMITS = 3;
    static final int ROUNDS = 3_000 * TestScale.factor();

    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);

    @AfterEach
    void stopPool() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void concurrentTrialsThroughBothMembersOfAGroupShareThePermitsAndEachMemberCountsItsOwnCalls() throws Exception {
        CircuitBreakerRegistry registry = CircuitBreakerRegistry.builder().ticker(new FakeTicker()).build();
        CircuitBreakerConfig config = CircuitBreakerConfig.builder()
                .successThreshold(PERMITS)
                .permittedCallsInHalfOpenState(PERMITS)
                .group("payments-cluster")
                .build();
        CircuitBreaker[] members = {registry.circuitBreaker("a", config), registry.circuitBreaker("b", config)};
        CyclicBarrier start = new CyclicBarrier(THREADS);
        for (int round = 0; round < ROUNDS; round++) {
            members[0].reset();
            members[1].reset();
            members[0].transitionToHalfOpen();
            assertThat(members[1].state()).isEqualTo(CircuitState.HALF_OPEN);
            CountDownLatch allTried = new CountDownLatch(THREADS);
            List<Callable<Boolean>> tasks = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                CircuitBreaker member = members[t % 2];
                tasks.add(() -> trial(member, start, allTried));
            }
            int[] admitted = new int[2];
            List<Future<Boolean>> results = pool.invokeAll(tasks);
            for (int t = 0; t < THREADS; t++) {
                admitted[t % 2] += results.get(t).get() ? 1 : 0;
            }
            assertThat(admitted[0] + admitted[1]).as("admitted through the group in round %d", round).isEqualTo(PERMITS);
            for (int m = 0; m < 2; m++) {
                CircuitBreakerStats stats = members[m].stats();
                assertThat(stats.successfulCalls()).as("member %d successes in round %d", m, round).isEqualTo(admitted[m]);
                assertThat(stats.notPermittedCalls()).as("member %d rejections in round %d", m, round)
                        .isEqualTo(THREADS / 2 - admitted[m]);
                assertThat(stats.totalCalls()).isEqualTo(THREADS / 2);
            }
            // Three trial successes through either member close the shared state for both.
            assertThat(members[0].state()).isEqualTo(CircuitState.CLOSED);
            assertThat(members[1].state()).isEqualTo(CircuitState.CLOSED);
        }
    }

    private static boolean trial(CircuitBreaker member, CyclicBarrier start, CountDownLatch allTried) throws Exception {
        start.await(10, TimeUnit.SECONDS);
        try {
            member.call(() -> {
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
