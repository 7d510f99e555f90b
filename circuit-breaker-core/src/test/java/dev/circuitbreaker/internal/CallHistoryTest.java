package dev.circuitbreaker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;

class CallHistoryTest {

    @Test
    void keepsTheLastSizeEntriesOldestFirstWhenSizeIsNotAPowerOfTwo() {
        CallHistory history = new CallHistory(100);
        for (int i = 0; i < 250; i++) {
            history.add(i * 1_000_000L, i, Outcomes.success(false), null, null);
        }

        List<CallHistory.Entry> entries = history.snapshot();

        assertThat(entries).hasSize(100);
        assertThat(entries).extracting(CallHistory.Entry::duration)
                .containsExactlyElementsOf(range(150, 250));
    }

    @Test
    void keepsFailuresAsTypeAndMessageAndForgetsEverythingOnClear() {
        CallHistory history = new CallHistory(3);
        history.add(1, 1, Outcomes.failure(0, false), "java.io.IOException", "refused");

        assertThat(history.snapshot()).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo("java.io.IOException");
            assertThat(e.message()).isEqualTo("refused");
        });

        history.clear();
        assertThat(history.snapshot()).isEmpty();
        history.add(2, 1, Outcomes.success(false), null, null);
        assertThat(history.snapshot()).singleElement().satisfies(e -> assertThat(e.type()).isNull());
    }

    @Test
    void aSuccessWrittenOverAnOldFailureCarriesNoErrorText() {
        CallHistory history = new CallHistory(1);
        int capacity = 32;
        history.add(1, 1, Outcomes.failure(0, false), "java.io.IOException", "refused");
        for (int i = 0; i < capacity; i++) {
            history.add(2 + i, 1, Outcomes.success(false), null, null);
        }
        assertThat(history.snapshot()).singleElement().satisfies(e -> {
            assertThat(e.type()).isNull();
            assertThat(e.message()).isNull();
        });
    }

    /**
     * Regression (issue 11, defect 4): with striped rings, 64 threads lost 4 to 35 % of the entries and a snapshot
     * was not in recording order. 64 threads record 2,000 entries each into a history of 100; afterwards it holds
     * exactly 100 entries, and each thread's entries in it are that thread's last ones, in its order.
     */
    @Test
    void sixtyFourThreadsRecordingAtOnceLeaveExactlyTheLastEntriesOfEachThread() throws Exception {
        int threads = 64;
        int calls = 2_000;
        CallHistory history = new CallHistory(100);
        CyclicBarrier start = new CyclicBarrier(threads);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread worker = new Thread(() -> {
                try {
                    start.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                for (int i = 0; i < calls; i++) {
                    history.add(i, thread * 1_000_000L + i, Outcomes.success(false), null, null);
                }
            });
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }

        List<CallHistory.Entry> entries = history.snapshot();

        assertThat(entries).hasSize(100);
        long[] expectedNext = new long[threads];
        java.util.Arrays.fill(expectedNext, -1);
        for (CallHistory.Entry e : entries) {
            int thread = (int) (e.duration() / 1_000_000L);
            long index = e.duration() % 1_000_000L;
            if (expectedNext[thread] >= 0) {
                assertThat(index).as("thread %d's entries consecutive", thread).isEqualTo(expectedNext[thread]);
            }
            expectedNext[thread] = index + 1;
        }
        for (int t = 0; t < threads; t++) {
            assertThat(expectedNext[t]).as("thread %d's entries end with its last call", t).isIn(-1L, (long) calls);
        }
        long[] counts = new long[CallHistory.CLASSES];
        history.addCounts(counts);
        assertThat(counts[CallHistory.SUCCESS_FAST]).isEqualTo((long) threads * calls);
    }

    private static List<Long> range(long from, long to) {
        List<Long> values = new ArrayList<>();
        for (long v = from; v < to; v++) {
            values.add(v);
        }
        return values;
    }
}
