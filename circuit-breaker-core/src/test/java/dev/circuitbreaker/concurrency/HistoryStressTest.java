package dev.circuitbreaker.concurrency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.circuitbreaker.CallResult;
import dev.circuitbreaker.CircuitBreaker;
import dev.circuitbreaker.CircuitBreakerConfig;
import dev.circuitbreaker.FakeTicker;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The lock-free call history under 4 writers and a reader taking snapshots all the while: a snapshot never holds
 * more than {@code historySize} entries, never a torn entry (outcome, success flag and message always of the same
 * call), never the same call twice, and each writer's calls in the order that writer made them.
 */
class HistoryStressTest {

    static final int WRITERS = 4;
    static final int CALLS = 25_000;
    static final int HISTORY = 32;
    static final Pattern MESSAGE = Pattern.compile("^(\\S+): (ok|fail|skip) w(\\d+) #(\\d+)$");

    static final class Skip extends RuntimeException {
        Skip(String message) {
            super(message, null, false, false);
        }
    }

    @Test
    void snapshotsTakenDuringConcurrentCallsAreBoundedUntornAndInEachWritersOrder() throws Exception {
        CircuitBreaker breaker = CircuitBreaker.builder("history")
                .config(CircuitBreakerConfig.builder()
                        .historySize(HISTORY)
                        .slidingWindowSize(100)
                        .failureThreshold(100) // stays CLOSED: every call is recorded
                        .recordExceptions(IOException.class)
                        .ignoreExceptions(Skip.class)
                        .build())
                .ticker(new FakeTicker())
                .build();
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 1);
        try {
            CyclicBarrier start = new CyclicBarrier(WRITERS + 1);
            AtomicBoolean writing = new AtomicBoolean(true);
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                writers.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    for (int i = 0; i < CALLS; i++) {
                        String tag = " w" + writer + " #" + i;
                        try {
                            switch (i % 3) {
                                case 0 -> breaker.call(() -> {
                                    throw new IllegalArgumentException("ok" + tag); // not recorded: a success
                                });
                                case 1 -> breaker.call(() -> {
                                    throw new IOException("fail" + tag);
                                });
                                default -> breaker.call(() -> {
                                    throw new Skip("skip" + tag);
                                });
                            }
                        } catch (Exception expected) {
                            // every call throws; the history is what is under test
                        }
                    }
                    return null;
                }));
            }
            Future<Integer> reader = pool.submit(() -> {
                start.await(10, TimeUnit.SECONDS);
                int snapshots = 0;
                while (writing.get()) {
                    check(breaker.history());
                    snapshots++;
                }
                return snapshots;
            });
            for (Future<?> w : writers) {
                w.get(60, TimeUnit.SECONDS);
            }
            writing.set(false);
            assertThat(reader.get(60, TimeUnit.SECONDS)).isPositive();
            List<CallResult> last = breaker.history();
            check(last);
            assertThat(last).isNotEmpty();
            assertThat(breaker.stats().totalCalls()).isEqualTo((long) WRITERS * CALLS);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Regression for issue 11, defect 4: with 64 threads the striped history used to drop 4 to 35 % of the entries.
     * 64 threads make 1,000 calls each on a breaker with a history of 100; afterwards the history holds exactly the
     * last 100: 100 entries, and each thread's entries in it are its last calls, consecutive and in its order.
     */
    @Test
    void sixtyFourThreadsLeaveExactlyTheLastHundredCallsInTheHistory() throws Exception {
        int threads = 64;
        int calls = 1_000;
        CircuitBreaker breaker = CircuitBreaker.builder("exact").ticker(new FakeTicker())
                .config(CircuitBreakerConfig.builder().historySize(100).build()).build();
        breaker.disable();
        CyclicBarrier start = new CyclicBarrier(threads);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread worker = new Thread(() -> {
                try {
                    start.await(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                for (int i = 0; i < calls; i++) {
                    String tag = "t" + thread + " #" + i;
                    try {
                        breaker.run(() -> {
                            throw new IllegalStateException(tag);
                        });
                    } catch (IllegalStateException expected) {
                        // every call carries its tag in its message
                    }
                }
            });
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }

        List<CallResult> history = breaker.history();

        assertThat(history).hasSize(100);
        int[] next = new int[threads];
        java.util.Arrays.fill(next, -1);
        Pattern tag = Pattern.compile("t(\\d+) #(\\d+)$");
        for (CallResult r : history) {
            Matcher m = tag.matcher(r.errorMessage());
            assertThat(m.find()).as(r.errorMessage()).isTrue();
            int thread = Integer.parseInt(m.group(1));
            int index = Integer.parseInt(m.group(2));
            if (next[thread] >= 0) {
                assertThat(index).as("thread %d's calls consecutive", thread).isEqualTo(next[thread]);
            }
            next[thread] = index + 1;
        }
        for (int t = 0; t < threads; t++) {
            assertThat(next[t]).as("thread %d's entries end with its last call", t).isIn(-1, calls);
        }
        assertThat(breaker.stats().failedCalls()).isEqualTo((long) threads * calls);
    }

    private static void check(List<CallResult> history) {
        assertThat(history).hasSizeLessThanOrEqualTo(HISTORY);
        Set<String> seen = new HashSet<>();
        int[] lastIndex = new int[WRITERS];
        java.util.Arrays.fill(lastIndex, -1);
        for (CallResult r : history) {
            assertThat(seen.add(r.errorMessage())).as("the same call twice: %s", r).isTrue();
            Matcher m = MESSAGE.matcher(r.errorMessage());
            assertThat(m.matches()).as("a well-formed message: %s", r).isTrue();
            String type = m.group(1);
            String kind = m.group(2);
            switch (kind) {
                case "ok" -> assertThat(r.outcome() == CallResult.Outcome.SUCCESS && r.success()
                        && type.equals(IllegalArgumentException.class.getName())).as("torn: %s", r).isTrue();
                case "fail" -> assertThat(r.outcome() == CallResult.Outcome.FAILURE && !r.success()
                        && type.equals(IOException.class.getName())).as("torn: %s", r).isTrue();
                default -> assertThat(r.outcome() == CallResult.Outcome.IGNORED && !r.success()
                        && type.equals(Skip.class.getName())).as("torn: %s", r).isTrue();
            }
            int writer = Integer.parseInt(m.group(3));
            int index = Integer.parseInt(m.group(4));
            assertThat(index % 3).as("call kind matches its index: %s", r).isEqualTo(List.of("ok", "fail", "skip").indexOf(kind));
            assertThat(index).as("writer %d's calls in order", writer).isGreaterThan(lastIndex[writer]);
            lastIndex[writer] = index;
        }
    }
}
