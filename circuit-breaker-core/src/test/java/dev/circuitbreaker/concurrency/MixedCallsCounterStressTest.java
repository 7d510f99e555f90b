package dev.circuitbreaker.concurrency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.circuitbreaker.CircuitBreaker;
import dev.circuitbreaker.CircuitBreakerConfig;
import dev.circuitbreaker.CircuitBreakerListener;
import dev.circuitbreaker.CircuitBreakerOpenException;
import dev.circuitbreaker.CircuitBreakerStats;
import dev.circuitbreaker.CircuitState;
import dev.circuitbreaker.FakeTicker;
import dev.circuitbreaker.SlidingWindowType;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * 4 threads x 100,000 mixed calls (successes, recorded failures, ignored exceptions, unrecorded exceptions that count
 * as successes, rejections while OPEN or FORCED_OPEN) on a breaker that trips and recovers under a fake ticker the
 * threads advance, with a COUNT_BASED and a TIME_BASED window: afterwards every counter equals exactly what the threads counted themselves, the total is the
 * sum of the four, and listeners heard of every call exactly once.
 */
class MixedCallsCounterStressTest {

    static final int THREADS = 4;
    static final int CALLS = 100_000;

    /** Per-thread tallies: successful, failed, ignored, notPermitted. */
    record Tally(long successful, long failed, long ignored, long notPermitted) {
        Tally plus(Tally o) {
            return new Tally(successful + o.successful, failed + o.failed, ignored + o.ignored, notPermitted + o.notPermitted);
        }
    }

    static final class Ignored extends RuntimeException {
        Ignored() {
            super("ignored", null, false, false);
        }
    }

    static final class Unrecorded extends RuntimeException {
        Unrecorded() {
            super("answered, but with an error we do not record", null, false, false);
        }
    }

    @ParameterizedTest(name = "{0} window")
    @EnumSource(SlidingWindowType.class)
    void fourThreadsOfMixedCallsLeaveEveryCounterExactlyAsTheThreadsCountedThem(SlidingWindowType window) throws Exception {
        FakeTicker ticker = new FakeTicker();
        CircuitBreaker breaker = CircuitBreaker.builder("mixed")
                .config(CircuitBreakerConfig.builder()
                        .failureThreshold(3)
                        .slidingWindow(window, 10)
                        .waitDurationInOpenState(Duration.ofMillis(50))
                        .successThreshold(2)
                        .recordExceptions(IOException.class, Ignored.class)
                        .ignoreExceptions(Ignored.class)
                        .build())
                .ticker(ticker)
                .build();
        LongAdder heardSuccess = new LongAdder();
        LongAdder heardError = new LongAdder();
        LongAdder heardIgnored = new LongAdder();
        LongAdder heardNotPermitted = new LongAdder();
        Set<CircuitState> statesSeen = ConcurrentHashMap.newKeySet();
        breaker.addListener(new CircuitBreakerListener() {
            @Override
            public void onSuccess(CircuitBreaker cb, long durationNanos) {
                heardSuccess.increment();
            }

            @Override
            public void onError(CircuitBreaker cb, Throwable error, long durationNanos) {
                heardError.increment();
            }

            @Override
            public void onIgnoredError(CircuitBreaker cb, Throwable error, long durationNanos) {
                heardIgnored.increment();
            }

            @Override
            public void onCallNotPermitted(CircuitBreaker cb) {
                heardNotPermitted.increment();
            }

            @Override
            public void onStateTransition(CircuitBreaker cb, CircuitState from, CircuitState to) {
                statesSeen.add(to);
            }
        });

        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CyclicBarrier start = new CyclicBarrier(THREADS);
            List<Future<Tally>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int seed = t;
                futures.add(pool.submit(() -> callMany(breaker, ticker, start, new Random(seed), seed == 0)));
            }
            Tally total = new Tally(0, 0, 0, 0);
            for (Future<Tally> f : futures) {
                total = total.plus(f.get(60, TimeUnit.SECONDS));
            }

            CircuitBreakerStats stats = breaker.stats();
            assertThat(stats.successfulCalls()).isEqualTo(total.successful());
            assertThat(stats.failedCalls()).isEqualTo(total.failed());
            assertThat(stats.ignoredCalls()).isEqualTo(total.ignored());
            assertThat(stats.notPermittedCalls()).isEqualTo(total.notPermitted());
            assertThat(stats.totalCalls())
                    .isEqualTo((long) THREADS * CALLS)
                    .isEqualTo(stats.successfulCalls() + stats.failedCalls() + stats.ignoredCalls() + stats.notPermittedCalls());
            assertThat(heardSuccess.sum()).isEqualTo(total.successful());
            assertThat(heardError.sum()).isEqualTo(total.failed());
            assertThat(heardIgnored.sum()).isEqualTo(total.ignored());
            assertThat(heardNotPermitted.sum()).isEqualTo(total.notPermitted());
            // The run really exercised tripping, recovering and forcing, not just one state.
            assertThat(statesSeen).containsAll(EnumSet.of(CircuitState.OPEN, CircuitState.HALF_OPEN,
                    CircuitState.CLOSED, CircuitState.FORCED_OPEN));
            assertThat(total.failed()).isPositive();
            assertThat(total.notPermitted()).isPositive();
            assertThat(breaker.history()).hasSizeLessThanOrEqualTo(100);
        } finally {
            pool.shutdownNow();
        }
    }

    private static Tally callMany(CircuitBreaker breaker, FakeTicker ticker, CyclicBarrier start, Random random,
            boolean operator) throws Exception {
        long successful = 0;
        long failed = 0;
        long ignored = 0;
        long notPermitted = 0;
        start.await(10, TimeUnit.SECONDS);
        for (int i = 0; i < CALLS; i++) {
            if (operator && i % 20_000 == 10_000) {
                breaker.forceOpen();
            } else if (operator && i % 20_000 == 10_100) {
                breaker.transitionToClosed();
            }
            int dice = random.nextInt(100);
            try {
                breaker.call(() -> {
                    if (dice < 12) {
                        throw new IOException("down");
                    } else if (dice < 20) {
                        throw new Ignored();
                    } else if (dice < 25) {
                        throw new Unrecorded();
                    }
                    return "ok";
                });
                successful++;
            } catch (CircuitBreakerOpenException rejected) {
                notPermitted++;
                ticker.advanceMillis(1);
            } catch (IOException e) {
                failed++;
            } catch (Ignored e) {
                ignored++;
            } catch (Unrecorded e) {
                successful++;
            }
        }
        return new Tally(successful, failed, ignored, notPermitted);
    }
}
