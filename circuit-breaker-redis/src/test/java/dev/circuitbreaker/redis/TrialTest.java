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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RedisServerExtension.class)
class TrialTest {

    @Test
    void afterEachWaitExactlyOneInstanceRunsTheGroupsTrial(RedisServer redis) throws Exception {
        Duration wait = Duration.ofMillis(300);
        List<Instance> instances = new ArrayList<>();
        for (String id : List.of("a", "b", "c")) {
            instances.add(Instance.start(id, redis, Instance.config(wait)).awaitConnected());
        }
        AtomicInteger downstreamCalls = new AtomicInteger();
        AtomicBoolean running = new AtomicBoolean(true);
        try {
            instances.get(0).trip();
            Eventually.await(Duration.ofSeconds(1), "all open", () -> instances.stream().allMatch(i -> i.state() == CircuitState.OPEN));
            long start = System.nanoTime();
            List<Thread> callers = new ArrayList<>();
            for (Instance instance : instances) {
                for (int t = 0; t < 3; t++) {
                    Thread caller = new Thread(() -> {
                        while (running.get()) {
                            try {
                                instance.breaker.run(() -> {
                                    downstreamCalls.incrementAndGet();
                                    throw new IllegalStateException("still down");
                                });
                            } catch (CallNotPermittedException | IllegalStateException expected) {
                                // rejected, or the trial failed
                            }
                            Eventually.pause(Duration.ofMillis(2));
                        }
                    });
                    caller.start();
                    callers.add(caller);
                }
            }
            Eventually.pause(Duration.ofMillis(3000));
            running.set(false);
            for (Thread caller : callers) {
                caller.join();
            }
            long expiries = (System.nanoTime() - start) / wait.toNanos();
            long trials = instances.stream().mapToLong(i -> i.transitions.stream().filter(t -> t.startsWith("OPEN>HALF_OPEN")).count()).sum();

            // Three instances each running their own trial would make 3 per expiry; one trial call per HALF_OPEN.
            assertThat(trials).isBetween(expiries / 2, expiries + 1);
            // never more trial calls than HALF_OPEN periods; the last period may have ended with the callers
            assertThat((long) downstreamCalls.get()).isBetween(trials - 1, trials);
            assertThat(instances).allMatch(i -> i.transitions.stream().filter(t -> t.startsWith("OPEN>HALF_OPEN"))
                    .allMatch(t -> t.endsWith("(local)")));
        } finally {
            running.set(false);
            instances.forEach(Instance::close);
        }
    }

    @Test
    void theTrialHoldersVerdictClosesTheGroupEverywhere(RedisServer redis) {
        try (Instance a = Instance.start("a", redis, Instance.config(Duration.ofMillis(200))).awaitConnected();
                Instance b = Instance.start("b", redis, Instance.config(Duration.ofMillis(200))).awaitConnected()) {
            a.trip();
            Eventually.await(Duration.ofSeconds(1), "b open", () -> b.state() == CircuitState.OPEN);
            Eventually.pause(Duration.ofMillis(250));
            callQuietly(a); // the wait is over: a asks Redis for the group's trial (this call is still rejected)
            Eventually.await(Duration.ofSeconds(2), "a holds the trial", () -> a.state() == CircuitState.HALF_OPEN);
            assertThat(a.breaker.get(() -> "ok")).isEqualTo("ok"); // a's trial: the only one, it passes

            assertThat(a.state()).isEqualTo(CircuitState.CLOSED);
            Eventually.await(Duration.ofSeconds(2), "b closed", () -> b.transitions.size() == 2); // heard just after the state changed
            assertThat(b.state()).isEqualTo(CircuitState.CLOSED);
            assertThat(b.transitions).containsExactly("CLOSED>OPEN@a(remote)", "OPEN>CLOSED@a(remote)");
        }
    }

    @Test
    void aFailedTrialReopensTheGroupEverywhereWithTheBackedOffWait(RedisServer redis) {
        var config = Instance.config(Duration.ofMillis(300)).backoffMultiplier(4).maxWaitDurationInOpenState(Duration.ofSeconds(10));
        try (Instance a = Instance.start("a", redis, config).awaitConnected();
                Instance b = Instance.start("b", redis, config).awaitConnected()) {
            a.trip();
            Eventually.await(Duration.ofSeconds(1), "b open", () -> b.state() == CircuitState.OPEN);
            Eventually.pause(Duration.ofMillis(350));
            callQuietly(a);
            Eventually.await(Duration.ofSeconds(2), "a holds the trial", () -> a.state() == CircuitState.HALF_OPEN);
            a.trip(); // the first call is a's trial and fails; the other two are rejected
            assertThat(a.state()).isEqualTo(CircuitState.OPEN);
            Eventually.await(Duration.ofSeconds(2), "b reopened with the backed-off wait",
                    () -> b.breaker.stats().remainingWait().compareTo(Duration.ofMillis(900)) > 0);
        }
    }

    @Test
    void aTrialHolderWithoutTrafficHoldsTheGroupOnlyForTheTrialLease(RedisServer redis) {
        var config = Instance.config(Duration.ofMillis(200)).successThreshold(2).permittedCallsInHalfOpenState(2);
        SharedGroupConfig lease = SharedGroupConfig.builder().trialLease(Duration.ofMillis(500)).build();
        try (Instance a = new Instance("a", redis.uri(), config, lease, s -> s).awaitConnected();
                Instance b = new Instance("b", redis.uri(), config, lease, s -> s).awaitConnected()) {
            a.trip();
            Eventually.await(Duration.ofSeconds(1), "b open", () -> b.state() == CircuitState.OPEN);
            Eventually.pause(Duration.ofMillis(250));
            callQuietly(a); // asks for the trial
            Eventually.await(Duration.ofSeconds(2), "a holds the trial", () -> a.state() == CircuitState.HALF_OPEN);
            a.breaker.run(() -> { }); // one trial success of two; then a gets no more traffic
            long start = System.nanoTime();
            while (b.state() != CircuitState.CLOSED && System.nanoTime() - start < Duration.ofSeconds(3).toNanos()) {
                callQuietly(b);
                Eventually.pause(Duration.ofMillis(5));
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(b.state()).isEqualTo(CircuitState.CLOSED);
            assertThat(took).isLessThan(Duration.ofMillis(500 + 200 + 1000)); // lease + refresh + margin, not 60 s
            Eventually.await(Duration.ofSeconds(2), "a closed by b's verdict", () -> a.state() == CircuitState.CLOSED);
            // a lost the trial when b took it over, then heard b's verdict
            assertThat(a.transitions).endsWith("HALF_OPEN>OPEN@b(remote)", "OPEN>CLOSED@b(remote)");
        }
    }

    static void callQuietly(Instance instance) {
        try {
            instance.breaker.run(() -> { });
        } catch (CallNotPermittedException rejected) {
            // OPEN
        }
    }
}
