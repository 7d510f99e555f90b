package dev.circuitbreaker.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.circuitbreaker.CircuitState;
import dev.circuitbreaker.redis.support.Eventually;
import dev.circuitbreaker.redis.support.Instance;
import dev.circuitbreaker.redis.support.RedisServer;
import dev.circuitbreaker.redis.support.RedisServerExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RedisServerExtension.class)
class EpochTest {

    @Test
    void aFlushAllWhileOpenClosesNobodyEarlyAndTheEpochGoesOnFromTheNewestSeen(RedisServer redis) throws Exception {
        try (Instance a = Instance.start("a", redis, Instance.config(Duration.ofMillis(1500))).awaitConnected();
                Instance b = Instance.start("b", redis, Instance.config(Duration.ofMillis(1500))).awaitConnected()) {
            a.trip();
            Eventually.await(Duration.ofSeconds(2), "b open", () -> b.state() == CircuitState.OPEN);
            long before = epoch(b);
            redis.flushAll();
            // the next refresh read finds the epoch gone: it is raised again, and a's still-valid OPEN told again
            Eventually.await(Duration.ofSeconds(1), "epoch restored above " + before,
                    () -> Long.parseLong(cli(redis, "GET", "circuitbreaker:{payments-cluster}:epoch")) > before);
            assertThat(cli(redis, "GET", "circuitbreaker:{payments-cluster}:state")).startsWith("OPEN|");
            assertThat(a.state()).isEqualTo(CircuitState.OPEN);
            assertThat(b.state()).isEqualTo(CircuitState.OPEN);
            // after the wait: one trial for the group
            Eventually.pause(Duration.ofMillis(1400));
            long end = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (System.nanoTime() < end && (a.state() != CircuitState.CLOSED || b.state() != CircuitState.CLOSED)) {
                TrialTest.callQuietly(a);
                TrialTest.callQuietly(b);
                Eventually.pause(Duration.ofMillis(5));
            }
            long trials = a.transitions.stream().filter(t -> t.startsWith("OPEN>HALF_OPEN")).count()
                    + b.transitions.stream().filter(t -> t.startsWith("OPEN>HALF_OPEN")).count();
            assertThat(trials).isEqualTo(1);
            assertThat(a.state()).isEqualTo(CircuitState.CLOSED);
            assertThat(b.state()).isEqualTo(CircuitState.CLOSED);
        }
    }

    @Test
    void aRedisRestartedWithoutDataDoesNotResetTheEpochs(RedisServer redis) throws Exception {
        try (Instance a = Instance.start("a", redis, Instance.config(Duration.ofSeconds(20))).awaitConnected();
                Instance b = Instance.start("b", redis, Instance.config(Duration.ofSeconds(20))).awaitConnected()) {
            for (int i = 0; i < 3; i++) {
                a.breaker.forceOpen();
                Eventually.await(Duration.ofSeconds(2), "b forced", () -> b.state() == CircuitState.FORCED_OPEN);
                a.breaker.reset();
                Eventually.await(Duration.ofSeconds(2), "b closed", () -> b.state() == CircuitState.CLOSED);
            }
            long before = epoch(b);
            assertThat(before).as(b.transitions + " " + b.registry.groupStatus(Instance.GROUP)).isGreaterThanOrEqualTo(6);
            redis.kill();
            redis.launch();
            a.awaitConnected();
            b.awaitConnected();
            // a peer's late message of an old epoch, replayed on the fresh Redis, changes nothing
            redis.cli("PUBLISH", "circuitbreaker:{payments-cluster}:events", "OPEN|2|zombie|20000|20000");
            b.breaker.forceOpen();
            Eventually.await(Duration.ofSeconds(2), "a forced by b", () -> a.state() == CircuitState.FORCED_OPEN);
            assertThat(epoch(a)).isGreaterThan(before);
            assertThat(a.transitions).noneMatch(t -> t.contains("zombie"));
        }
    }

    @Test
    void writesThatRedisRunsLateAfterAPauseChangeNothingNewer(RedisServer redis) throws Exception {
        try (Instance a = Instance.start("a", redis, Instance.config(Duration.ofMillis(300))).awaitConnected();
                Instance b = Instance.start("b", redis, Instance.config(Duration.ofMillis(300))).awaitConnected()) {
            a.trip();
            Eventually.await(Duration.ofSeconds(2), "b open", () -> b.state() == CircuitState.OPEN);
            redis.pause();
            // a's verdicts while Redis is hung: its commands time out, are queued in Redis's socket, and run later
            Eventually.pause(Duration.ofMillis(400));
            long end = System.nanoTime() + Duration.ofSeconds(1).toNanos();
            while (a.state() != CircuitState.CLOSED && System.nanoTime() < end) {
                TrialTest.callQuietly(a); // Redis does not answer: a runs a trial of its own, which passes
                Eventually.pause(Duration.ofMillis(5));
            }
            assertThat(a.state()).isEqualTo(CircuitState.CLOSED);
            b.breaker.forceOpen();
            redis.resume();
            Eventually.await(Duration.ofSeconds(2), "both agree", () -> a.state() == b.state()
                    && a.store.isConnected() && b.store.isConnected() && epoch(a) == epoch(b));
            Eventually.pause(Duration.ofMillis(500));
            // b's operator decision is the newest: nothing that Redis ran late undid it
            assertThat(b.state()).isEqualTo(CircuitState.FORCED_OPEN);
            assertThat(a.state()).isEqualTo(CircuitState.FORCED_OPEN);
            assertThat(cli(redis, "GET", "circuitbreaker:{payments-cluster}:state")).startsWith("FORCED_OPEN|");
        }
    }

    private static long epoch(Instance i) {
        return i.registry.groupStatus(Instance.GROUP).orElseThrow().epoch();
    }

    private static String cli(RedisServer redis, String... command) {
        try {
            String out = redis.cli(command);
            return out.isEmpty() && command[0].equals("GET") && command[1].endsWith(":epoch") ? "0" : out;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

}
