package dev.circuitbreaker.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.circuitbreaker.CircuitBreaker;
import dev.circuitbreaker.CircuitBreakerConfig;
import dev.circuitbreaker.CircuitBreakerOpenException;
import dev.circuitbreaker.CircuitBreakerStats;
import dev.circuitbreaker.CircuitState;
import dev.circuitbreaker.FakeTicker;
import dev.circuitbreaker.SlidingWindowType;
import dev.circuitbreaker.TestScale;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Property-based test without a framework: seeded random sequences of synchronous calls (success, recorded failures
 * of several types, ignored, unrecorded, slow by advancing the fake ticker during the call), asynchronous calls held
 * across steps (completed, failed, cancelled), clock advances, manual transitions and resets run through the breaker
 * and through {@link ReferenceBreaker}; after every step state, counters, window and remaining wait must agree. A
 * failure names the config, the seed and the steps so far, so it can be replayed.
 */
class BreakerMatchesReferenceModelTest {

    static final int SEEDS = 250 * TestScale.factor();
    static final int STEPS = 250;
    static final int SLOTS = 3;

    static final class SlowTimeout extends TimeoutException {
    }

    static final class DownstreamError extends Error {
    }

    static final Map<String, CircuitBreakerConfig> CONFIGS = Map.of(
            "defaults", CircuitBreakerConfig.ofDefaults(),
            "rate rules", CircuitBreakerConfig.builder()
                    .failureThreshold(0)
                    .slidingWindowSize(6)
                    .failureRateThreshold(50)
                    .minimumNumberOfCalls(4)
                    .slowCallDurationThreshold(Duration.ofMillis(300))
                    .slowCallRateThreshold(60)
                    .successThreshold(3)
                    .permittedCallsInHalfOpenState(2)
                    .ignoreExceptions(IllegalStateException.class)
                    .build(),
            "time based", CircuitBreakerConfig.builder()
                    .slidingWindow(SlidingWindowType.TIME_BASED, 3)
                    .failureThreshold(4)
                    .failureRateThreshold(60)
                    .minimumNumberOfCalls(3)
                    .slowCallDurationThreshold(Duration.ofMillis(500))
                    .maxWaitDurationInHalfOpenState(Duration.ofSeconds(10))
                    .ignoreExceptions(IllegalStateException.class)
                    .build(),
            "exception thresholds", CircuitBreakerConfig.builder()
                    .failureThreshold(5)
                    .exceptionThreshold(TimeoutException.class, 2)
                    .exceptionThreshold(SlowTimeout.class, 3)
                    .recordExceptions(IOException.class, TimeoutException.class, Error.class)
                    .ignoreExceptions(IllegalStateException.class)
                    .build(),
            "backoff", CircuitBreakerConfig.builder()
                    .failureThreshold(2)
                    .slidingWindowSize(3)
                    .waitDurationInOpenState(Duration.ofSeconds(1))
                    .backoffMultiplier(2.0)
                    .maxWaitDurationInOpenState(Duration.ofSeconds(5))
                    .maxWaitDurationInHalfOpenState(Duration.ofSeconds(2))
                    .slowCallDurationThreshold(Duration.ofSeconds(1))
                    .slowCallRateThreshold(100)
                    .minimumNumberOfCalls(2)
                    .build(),
            "window of one", CircuitBreakerConfig.builder()
                    .failureThreshold(1)
                    .slidingWindowSize(1)
                    .successThreshold(1)
                    .waitDurationInOpenState(Duration.ofSeconds(3))
                    .backoffMultiplier(1.5)
                    .maxWaitDurationInOpenState(Duration.ofSeconds(10))
                    .historySize(0)
                    .build());

    static final List<Supplier<Throwable>> ERRORS = List.of(
            () -> null, () -> null, () -> null,
            () -> new IOException("io"),
            TimeoutException::new,
            SlowTimeout::new,
            () -> new IllegalStateException("ignored where configured"),
            () -> new IllegalArgumentException("unrecorded where recordExceptions is set"),
            DownstreamError::new);

    static final long[] CALL_MILLIS = {0, 0, 0, 0, 100, 300, 301, 500, 501, 1000, 1001, 2000, 2500, 10_000, 61_000};
    static final long[] ADVANCE_MILLIS = {1, 499, 500, 999, 1000, 1000, 2000, 3000, 5000, 7000};
    static final CircuitState[] TARGETS = CircuitState.values();

    @TestFactory
    Stream<DynamicTest> everyStepLeavesTheBreakerInTheSameStateWithTheSameCountersAsTheReferenceModel() {
        return CONFIGS.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(e -> DynamicTest.dynamicTest(
                e.getKey(), () -> {
                    Map<String, Integer> coverage = new java.util.TreeMap<>();
                    long longestOpenWait = 0;
                    for (int seed = 0; seed < SEEDS; seed++) {
                        Run run = new Run(e.getKey(), e.getValue(), seed);
                        run.run();
                        run.model.coverage.forEach((k, v) -> coverage.merge(k, v, Integer::sum));
                        longestOpenWait = Math.max(longestOpenWait, run.model.longestOpenWait);
                    }
                    // The sequences must reach every kind of decision, or agreeing would prove little.
                    assertThat(coverage).as("what the sequences of '%s' reached", e.getKey()).containsKeys(
                            "CLOSED tripped", "failed trial reopened", "trials closed it", "ignored trial",
                            "expired trial reported", "stale report", "trial rejected: permits in use");
                    CircuitBreakerConfig c = e.getValue();
                    if (c.backoffMultiplier() > 1) {
                        assertThat(Duration.ofNanos(longestOpenWait)).as("backoff reached its cap")
                                .isEqualTo(c.maxWaitDurationInOpenState());
                    }
                    if (c.hasSlowCallRule()) {
                        assertThat(coverage).containsKey("slow trial reopened");
                    }
                }));
    }

    /** One seeded sequence of steps against a fresh breaker and a fresh model. */
    static final class Run {

        final String configName;
        final long seed;
        final Random random;
        final FakeTicker ticker = new FakeTicker();
        final CircuitBreaker breaker;
        final ReferenceBreaker model;
        final List<String> steps = new ArrayList<>();
        final Held[] held = new Held[SLOTS];
        final Map<CircuitState, Integer> statesSeen = new EnumMap<>(CircuitState.class);

        record Held(CompletableFuture<String> downstream, CompletableFuture<String> call, ReferenceBreaker.Permit permit) {
        }

        Run(String configName, CircuitBreakerConfig config, long seed) {
            this.configName = configName;
            this.seed = seed;
            this.random = new Random(seed);
            ticker.advance(Duration.ofDays(1)); // any origin works; not zero, to catch code assuming it
            this.breaker = CircuitBreaker.builder("model").config(config).ticker(ticker).build();
            this.model = new ReferenceBreaker(config, ticker.read());
        }

        void run() throws Throwable {
            for (int i = 0; i < STEPS; i++) {
                step();
                compare();
            }
        }

        void step() throws Throwable {
            int r = random.nextInt(100);
            if (r < 45) {
                syncCall(pick(ERRORS).get(), CALL_MILLIS[random.nextInt(CALL_MILLIS.length)]);
            } else if (r < 65) {
                long ms = ADVANCE_MILLIS[random.nextInt(ADVANCE_MILLIS.length)];
                steps.add("advance " + ms + " ms");
                ticker.advanceMillis(ms);
            } else if (r < 75) {
                asyncStart(random.nextInt(SLOTS));
            } else if (r < 85) {
                asyncFinish(random.nextInt(SLOTS), pick(ERRORS).get(), random.nextBoolean());
            } else if (r < 88) {
                asyncCancel(random.nextInt(SLOTS));
            } else if (r < 98) {
                CircuitState target = TARGETS[random.nextInt(TARGETS.length)];
                steps.add("transition to " + target);
                manual(target);
                model.transitionTo(target, ticker.read());
            } else {
                steps.add("reset");
                breaker.reset();
                model.reset(ticker.read());
            }
        }

        void syncCall(Throwable error, long millis) throws Throwable {
            steps.add("call " + describe(error) + " taking " + millis + " ms");
            ReferenceBreaker.Permit permit = model.acquire(ticker.read());
            boolean[] ran = {false};
            Throwable thrown = null;
            try {
                breaker.execute(() -> {
                    ran[0] = true;
                    ticker.advanceMillis(millis);
                    if (error != null) {
                        throw error;
                    }
                    return "ok";
                });
            } catch (Throwable t) {
                thrown = t;
            }
            check(ran[0] == (permit != null), "callee ran: " + ran[0] + ", model permits: " + (permit != null));
            if (permit == null) {
                check(thrown instanceof CircuitBreakerOpenException, "rejection threw " + thrown);
                CircuitBreakerOpenException rejection = (CircuitBreakerOpenException) thrown;
                check(rejection.state() == model.state, "rejected as " + rejection.state() + " but model is " + model.state);
                check(rejection.remainingWait().equals(model.remainingWait(ticker.read())), "rejection's remaining wait "
                        + rejection.remainingWait() + " but model " + model.remainingWait(ticker.read()));
                return;
            }
            check(thrown == error, "callee's exception " + error + " came back as " + thrown);
            model.complete(permit, error, false, ticker.read());
        }

        void asyncStart(int slot) {
            if (held[slot] != null) {
                return;
            }
            steps.add("async start in slot " + slot);
            ReferenceBreaker.Permit permit = model.acquire(ticker.read());
            CompletableFuture<String> downstream = new CompletableFuture<>();
            CompletableFuture<String> call = breaker.callAsync(() -> downstream);
            boolean rejected = call.isCompletedExceptionally();
            check(rejected == (permit == null), "async rejected: " + rejected + ", model permits: " + (permit != null));
            if (rejected) {
                check(call.handle((v, t) -> t).join() instanceof CircuitBreakerOpenException, "async rejection is not an open exception");
            } else {
                held[slot] = new Held(downstream, call, permit);
            }
        }

        void asyncFinish(int slot, Throwable error, boolean wrap) {
            Held h = held[slot];
            if (h == null) {
                return;
            }
            held[slot] = null;
            steps.add("async finish slot " + slot + " with " + describe(error) + (wrap && error != null ? " wrapped in CompletionException" : ""));
            if (error == null) {
                h.downstream().complete("ok");
            } else {
                h.downstream().completeExceptionally(wrap ? new CompletionException(error) : error);
            }
            check(h.call().isDone(), "the call's future is not done when the downstream is");
            model.complete(h.permit(), error, false, ticker.read());
        }

        void asyncCancel(int slot) {
            Held h = held[slot];
            if (h == null) {
                return;
            }
            held[slot] = null;
            steps.add("async cancel slot " + slot);
            h.call().cancel(true);
            check(h.downstream().isCancelled(), "cancelling the call did not cancel the downstream");
            model.complete(h.permit(), new CancellationException(), true, ticker.read());
        }

        void manual(CircuitState target) {
            switch (target) {
                case CLOSED -> breaker.transitionToClosed();
                case OPEN -> breaker.transitionToOpen();
                case HALF_OPEN -> breaker.transitionToHalfOpen();
                case FORCED_OPEN -> breaker.forceOpen();
                case DISABLED -> breaker.disable();
            }
        }

        void compare() {
            long now = ticker.read();
            CircuitBreakerStats s = breaker.stats();
            ReferenceBreaker.Window w = model.windowAt(now);
            check(breaker.state() == model.state, "state " + breaker.state() + " but model " + model.state);
            check(s.state() == model.state, "stats state " + s.state() + " but model " + model.state);
            check(s.successfulCalls() == model.successful, "successfulCalls " + s.successfulCalls() + " but model " + model.successful);
            check(s.failedCalls() == model.failed, "failedCalls " + s.failedCalls() + " but model " + model.failed);
            check(s.ignoredCalls() == model.ignored, "ignoredCalls " + s.ignoredCalls() + " but model " + model.ignored);
            check(s.notPermittedCalls() == model.notPermitted, "notPermittedCalls " + s.notPermittedCalls() + " but model " + model.notPermitted);
            check(s.slowCalls() == model.slow, "slowCalls " + s.slowCalls() + " but model " + model.slow);
            check(s.totalCalls() == model.total(), "totalCalls " + s.totalCalls() + " but model " + model.total());
            check(s.bufferedCalls() == w.calls(), "bufferedCalls " + s.bufferedCalls() + " but model " + w.calls());
            check(s.bufferedFailedCalls() == w.failures(), "bufferedFailedCalls " + s.bufferedFailedCalls() + " but model " + w.failures());
            check(s.bufferedSlowCalls() == w.slow(), "bufferedSlowCalls " + s.bufferedSlowCalls() + " but model " + w.slow());
            check(s.failureRate() == model.rate(w.failures(), w.calls()), "failureRate " + s.failureRate() + " but model " + model.rate(w.failures(), w.calls()));
            check(s.slowCallRate() == model.rate(w.slow(), w.calls()), "slowCallRate " + s.slowCallRate() + " but model " + model.rate(w.slow(), w.calls()));
            check(s.remainingWait().equals(model.remainingWait(now)), "remainingWait " + s.remainingWait() + " but model " + model.remainingWait(now));
            statesSeen.merge(model.state, 1, Integer::sum);
        }

        void check(boolean ok, String what) {
            if (!ok) {
                StringBuilder sb = new StringBuilder("config '" + configName + "', seed " + seed + ", after step "
                        + steps.size() + ": " + what + "\nsteps:\n");
                for (int i = 0; i < steps.size(); i++) {
                    sb.append(String.format("%4d  %s%n", i + 1, steps.get(i)));
                }
                throw new AssertionError(sb.toString());
            }
        }

        <T> T pick(List<T> list) {
            return list.get(random.nextInt(list.size()));
        }

        static String describe(Throwable error) {
            return error == null ? "success" : error.getClass().getSimpleName();
        }
    }
}
