package dev.circuitbreaker.concurrency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.circuitbreaker.BulkheadFullException;
import dev.circuitbreaker.CircuitBreaker;
import dev.circuitbreaker.CircuitBreakerConfig;
import dev.circuitbreaker.CircuitBreakerStats;
import dev.circuitbreaker.FakeTicker;
import dev.circuitbreaker.TestScale;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/**
 * The bulkhead under 16 threads released together by a barrier in each of 2,000 rounds, against a limit of 3: no
 * more than 3 callees ever run at once, and every call is counted exactly once (successful + bulkheadFull = total).
 */
class BulkheadStressTest {

    static final int THREADS = 16;
    static final int LIMIT = 3;

    @Test
    void neverMoreThanTheLimitRunAtOnceAndEveryCallIsCountedOnce() throws Exception {
        int rounds = 2_000 * TestScale.factor();
        CircuitBreaker cb = CircuitBreaker.builder("bulkhead").ticker(new FakeTicker())
                .config(CircuitBreakerConfig.builder().maxConcurrentCalls(LIMIT).build()).build();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxSeen = new AtomicInteger();
        LongAdder ran = new LongAdder();
        LongAdder rejected = new LongAdder();
        CyclicBarrier barrier = new CyclicBarrier(THREADS);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                workers.add(pool.submit(() -> {
                    for (int r = 0; r < rounds; r++) {
                        barrier.await(30, TimeUnit.SECONDS);
                        try {
                            cb.run(() -> {
                                maxSeen.accumulateAndGet(running.incrementAndGet(), Math::max);
                                Thread.yield();
                                running.decrementAndGet();
                                ran.increment();
                            });
                        } catch (BulkheadFullException e) {
                            rejected.increment();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> w : workers) {
                w.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        CircuitBreakerStats stats = cb.stats();
        long total = (long) THREADS * rounds;
        assertThat(maxSeen.get()).isLessThanOrEqualTo(LIMIT);
        assertThat(stats.successfulCalls()).isEqualTo(ran.sum());
        assertThat(stats.bulkheadFullCalls()).isEqualTo(rejected.sum()).isPositive();
        assertThat(stats.successfulCalls() + stats.bulkheadFullCalls()).isEqualTo(total);
        assertThat(stats.totalCalls()).isEqualTo(total);
        assertThat(stats.concurrentCalls()).isZero();
    }
}
