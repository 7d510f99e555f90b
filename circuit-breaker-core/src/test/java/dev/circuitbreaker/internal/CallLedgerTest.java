package dev.circuitbreaker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.circuitbreaker.CallResult;
import dev.circuitbreaker.internal.CallLedger.Totals;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CallLedgerTest {

    static final IOException DOWN = new IOException("down");
    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    /** A ledger fed the way the breaker feeds it. */
    static final class Recorder {
        final CallLedger ledger;

        Recorder(int historySize) {
            ledger = new CallLedger(historySize);
        }

        void onOutcome(long endTick, long durationNanos, int code, Throwable error) {
            ledger.record(endTick, durationNanos, code, error);
        }

        void onNotPermitted() {
            ledger.onNotPermitted();
        }

        Totals totals() {
            return ledger.totals();
        }

        List<CallResult> history(Instant now, long nowTick) {
            return ledger.history(now, nowTick);
        }

        void reset() {
            ledger.reset();
        }
    }

    @ParameterizedTest(name = "history size {0}")
    @ValueSource(ints = {0, 1, 100})
    void countsEveryKindAndSlowCallsWhetherOrNotTheHistoryKeepsThem(int historySize) {
        Recorder ledger = new Recorder(historySize);
        ledger.onOutcome(1, 10, Outcomes.success(false), null);
        ledger.onOutcome(2, 10, Outcomes.success(true), null);
        ledger.onOutcome(3, 10, Outcomes.failure(0, true), DOWN);
        ledger.onOutcome(4, 10, Outcomes.failure(2, false), DOWN);
        ledger.onOutcome(5, 10, Outcomes.failure(1, false), DOWN);
        ledger.onOutcome(6, 10, Outcomes.ignored(), DOWN);
        ledger.onNotPermitted();
        ledger.onNotPermitted();

        assertThat(ledger.totals()).isEqualTo(new Totals(2, 3, 1, 2, 0, 2));
        assertThat(ledger.history(NOW, 6)).hasSize(Math.min(historySize, 6));
    }

    @ParameterizedTest(name = "history size {0}")
    @ValueSource(ints = {0, 3})
    void aResetZeroesTheCountersAndCountingGoesOnFromThere(int historySize) {
        Recorder ledger = new Recorder(historySize);
        ledger.onOutcome(1, 10, Outcomes.success(true), null);
        ledger.onOutcome(2, 10, Outcomes.failure(0, false), DOWN);
        ledger.onNotPermitted();

        ledger.reset();
        assertThat(ledger.totals()).isEqualTo(new Totals(0, 0, 0, 0, 0, 0));
        assertThat(ledger.history(NOW, 2)).isEmpty();

        ledger.onOutcome(3, 10, Outcomes.failure(0, true), DOWN);
        ledger.onNotPermitted();
        assertThat(ledger.totals()).isEqualTo(new Totals(0, 1, 0, 1, 0, 1));
        assertThat(ledger.history(NOW, 3)).hasSize(historySize == 0 ? 0 : 1);
    }

    /**
     * 8 threads (on fewer cores, so writers are descheduled mid-write and lap each other in a small ring) record
     * 50,000 outcomes each while a reader takes totals: the totals end exact, no reading ever went backwards, and
     * no reading ever showed more slow calls than successes and failures.
     */
    @ParameterizedTest(name = "history size {0}")
    @ValueSource(ints = {0, 1, 100})
    void threadsCountingAtOnceLeaveExactTotalsAndReadersNeverSeeACounterGoBack(int historySize) throws Exception {
        int threads = 8;
        int calls = 50_000;
        Recorder ledger = new Recorder(historySize);
        CyclicBarrier start = new CyclicBarrier(threads + 1);
        AtomicBoolean done = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                writers.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    for (int i = 0; i < calls; i++) {
                        switch (i % 5) {
                            case 0, 1 -> ledger.onOutcome(i, i, Outcomes.success(i % 10 == 0), null);
                            case 2 -> ledger.onOutcome(i, i, Outcomes.failure(0, false), DOWN);
                            case 3 -> ledger.onOutcome(i, i, Outcomes.ignored(), DOWN);
                            default -> ledger.onNotPermitted();
                        }
                    }
                    return null;
                }));
            }
            Future<?> reader = pool.submit(() -> {
                start.await(10, TimeUnit.SECONDS);
                Totals last = ledger.totals();
                do {
                    Totals now = ledger.totals();
                    assertThat(now.successful()).isGreaterThanOrEqualTo(last.successful());
                    assertThat(now.failed()).isGreaterThanOrEqualTo(last.failed());
                    assertThat(now.ignored()).isGreaterThanOrEqualTo(last.ignored());
                    assertThat(now.notPermitted()).isGreaterThanOrEqualTo(last.notPermitted());
                    assertThat(now.slow()).isGreaterThanOrEqualTo(last.slow());
                    assertThat(now.slow()).as("slow calls are successes or failures").isLessThanOrEqualTo(now.successful() + now.failed());
                    last = now;
                } while (!done.get());
                return null;
            });
            for (Future<?> writer : writers) {
                writer.get(60, TimeUnit.SECONDS);
            }
            done.set(true);
            reader.get(10, TimeUnit.SECONDS);

            long each = (long) threads * calls / 5;
            assertThat(ledger.totals()).isEqualTo(new Totals(2 * each, each, each, each, 0, each / 2));
        } finally {
            pool.shutdownNow();
        }
    }
}
