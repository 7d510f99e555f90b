package dev.circuitbreaker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.circuitbreaker.CallResult;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CallHistoryTest {

    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void keepsTheLastSizeEntriesOldestFirstWhenSizeIsNotAPowerOfTwo() {
        CallHistory history = new CallHistory(100);
        for (int i = 0; i < 250; i++) {
            history.add(i * 1_000_000L, i, Outcomes.success(false), null);
        }

        List<CallResult> results = history.snapshot(NOW, 249 * 1_000_000L);

        assertThat(results).hasSize(100);
        assertThat(results.get(0).timestamp()).isEqualTo(NOW.minusMillis(99));
        assertThat(results.get(99).timestamp()).isEqualTo(NOW);
    }

    @Test
    void keepsFailuresAsTypeAndMessageAndForgetsEverythingOnClear() {
        CallHistory history = new CallHistory(3);
        history.add(1, 1, Outcomes.failure(0, false), new IOException("refused"));

        assertThat(history.snapshot(NOW, 1)).singleElement()
                .satisfies(r -> assertThat(r.errorMessage()).contains("java.io.IOException").contains("refused"));

        history.clear();
        assertThat(history.snapshot(NOW, 1)).isEmpty();
    }

    @Test
    void threadsRecordingAtOnceLeaveTheNewestEntriesInEndTickOrder() throws Exception {
        CallHistory history = new CallHistory(100);
        AtomicLong ticker = new AtomicLong();
        int threads = 4;
        CyclicBarrier start = new CyclicBarrier(threads);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                try {
                    start.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                for (int i = 0; i < 20_000; i++) {
                    history.add(ticker.incrementAndGet(), 0, Outcomes.success(false), null);
                }
            });
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }

        List<CallResult> results = history.snapshot(NOW, ticker.get());

        assertThat(results).hasSizeBetween(90, 100);
        assertThat(results).extracting(CallResult::timestamp).isSorted().doesNotHaveDuplicates();
        assertThat(results.get(results.size() - 1).timestamp()).isAfter(NOW.minusNanos(threads * 2L));
    }
}
