package dev.circuitbreaker.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.circuitbreaker.CallNotPermittedException;
import dev.circuitbreaker.CircuitState;
import dev.circuitbreaker.group.SharedGroupConfig;
import dev.circuitbreaker.redis.support.Eventually;
import dev.circuitbreaker.redis.support.Instance;
import dev.circuitbreaker.redis.support.RedisServer;
import dev.circuitbreaker.redis.support.RedisServerExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import dev.circuitbreaker.redis.support.LatencyRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Redis killed, paused and restarted while calls flow: the store never fails a call nor makes one wait. */
@ExtendWith(RedisServerExtension.class)
class StoreFaultTest {

    @Test
    void redisKilledPausedAndRestartedMidRunNeverFailsNorDelaysACall(RedisServer redis) throws Exception {
        try (Instance a = Instance.start("a", redis, Instance.config(Duration.ofMillis(300))).awaitConnected();
                Instance b = Instance.start("b", redis, Instance.config(Duration.ofMillis(300))).awaitConnected()) {
            Queue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
            AtomicLong calls = new AtomicLong();
            LatencyRecorder latency = new LatencyRecorder(4); // 0 Redis up, 1 killed, 2 hung, 3 back
            AtomicBoolean running = new AtomicBoolean(true);
            List<Thread> callers = new ArrayList<>();
            for (Instance instance : List.of(a, b)) {
                for (int t = 0; t < 2; t++) {
                    Thread caller = new Thread(() -> {
                        while (running.get()) {
                            long start = System.nanoTime();
                            try {
                                instance.breaker.run(() -> { });
                            } catch (CallNotPermittedException rejected) {
                                // the group is OPEN: a rejection, decided locally
                            } catch (Throwable e) {
                                unexpected.add(e);
                            }
                            latency.record(System.nanoTime() - start);
                            calls.incrementAndGet();
                            LockSupport.parkNanos(50_000); // leave the 2 cores some room: we measure the store, not the scheduler
                        }
                    }, "caller-" + instance.id + "-" + t);
                    caller.start();
                    callers.add(caller);
                }
            }
            try {
                Eventually.pause(Duration.ofMillis(1000));
                latency.phase(1);
                redis.kill();
                Duration seen = Eventually.await(Duration.ofSeconds(1), "a sees Redis gone", () -> !a.store.isConnected());
                assertThat(seen).isLessThan(Duration.ofSeconds(1));
                // a local trip during the outage still opens a (callers' successes may push a failure out of the
                // 10-call window, so fail until the window trips)
                for (int i = 0; i < 20 && a.state() != CircuitState.OPEN; i++) {
                    a.trip();
                }
                assertThat(a.state()).isEqualTo(CircuitState.OPEN);
                Eventually.pause(Duration.ofMillis(200));
                assertThat(b.state()).isEqualTo(CircuitState.CLOSED); // b cannot know: it keeps serving
                redis.launch();
                // reconnected, resubscribed and reconciled: a's still-valid OPEN (or what followed it) reaches b
                a.awaitConnected();
                b.awaitConnected();
                latency.phase(2);
                redis.pause();
                Eventually.await(Duration.ofSeconds(1), "a treats a hung Redis as unavailable", () -> !a.store.isConnected());
                long timedOutBefore = calls.get();
                Eventually.pause(Duration.ofMillis(1000));
                assertThat(calls.get() - timedOutBefore).isGreaterThan(1000); // calls went on while Redis hung
                redis.resume();
                latency.phase(3);
                a.awaitConnected();
                b.awaitConnected();
                for (int i = 0; i < 20 && a.state() != CircuitState.OPEN; i++) {
                    a.trip();
                }
                Eventually.await(Duration.ofSeconds(2), "b follows a again", () -> b.state() == CircuitState.OPEN);
            } finally {
                running.set(false);
                for (Thread caller : callers) {
                    caller.join();
                }
            }
            assertThat(unexpected).isEmpty();
            assertThat(calls.get()).isGreaterThan(10_000);
            System.out.print(latency.describe());
            // No call waited on Redis: a 100 ms command timeout (or a reconnect) would show far above the baseline.
            for (int phase = 1; phase < 4; phase++) {
                assertThat(latency.quantile(phase, 0.999)).as(latency.describe())
                        .isLessThanOrEqualTo(latency.quantile(0, 0.999).plusMillis(1).multipliedBy(2));
            }
        }
    }

    @Test
    void buildingAStoreReturnsAtOnceWhetherRedisIsThereOrNot() throws Exception {
        try (RedisServer nothing = RedisServer.notStarted()) {
            long start = System.nanoTime();
            RedisGroupStore store = RedisGroupStore.builder(nothing.uri()).build();
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            store.close();
            assertThat(took).isLessThan(Duration.ofMillis(100)); // connecting (and loading Lettuce) is the store thread's
        }
    }

    @Test
    void aStoreStartedWithoutRedisWorksAsAnInMemoryGroupAndJoinsWhenRedisComes() throws Exception {
        try (RedisServer later = RedisServer.notStarted();
                Instance a = new Instance("a", later.uri(), Instance.config(Duration.ofSeconds(20)), SharedGroupConfig.ofDefaults(), s -> s)) {
            assertThat(a.breaker.get(() -> "served")).isEqualTo("served");
            a.trip();
            assertThat(a.state()).isEqualTo(CircuitState.OPEN);
            assertThat(a.store.isConnected()).isFalse();
            assertThat(a.registry.groupStatus(Instance.GROUP).orElseThrow().connected()).isFalse();

            later.launch();
            a.awaitConnected();
            try (Instance b = Instance.start("b", later, Instance.config(Duration.ofSeconds(20))).awaitConnected()) {
                // a told Redis of the trip it took while Redis was away
                Eventually.await(Duration.ofSeconds(2), "b learns a's OPEN", () -> b.state() == CircuitState.OPEN);
                assertThat(b.origins.get(0).instance()).isEqualTo("a");
            }
        }
    }
}
