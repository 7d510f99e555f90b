package dev.circuitbreaker.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.circuitbreaker.CircuitState;
import dev.circuitbreaker.redis.support.Eventually;
import dev.circuitbreaker.redis.support.Instance;
import dev.circuitbreaker.redis.support.RedisServer;
import dev.circuitbreaker.redis.support.RedisServerExtension;
import java.time.Duration;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RedisServerExtension.class)
class ManualTransitionTest {

    private static final Duration SOON = Duration.ofSeconds(2);

    @Test
    void anOperatorsTransitionOnOneMemberAppliesToTheWholeGroup(RedisServer redis) {
        try (Instance a = Instance.start("a", redis, Instance.config(Duration.ofSeconds(20))).awaitConnected();
                Instance b = Instance.start("b", redis, Instance.config(Duration.ofSeconds(20))).awaitConnected()) {
            a.breaker.forceOpen();
            Eventually.await(SOON, "b forced open", () -> b.state() == CircuitState.FORCED_OPEN);
            b.breaker.reset();
            Eventually.await(SOON, "a closed", () -> a.state() == CircuitState.CLOSED);
            a.breaker.disable();
            Eventually.await(SOON, "b disabled", () -> b.state() == CircuitState.DISABLED);
            b.breaker.transitionToOpen();
            Eventually.await(SOON, "a open", () -> a.state() == CircuitState.OPEN);
            assertThat(a.breaker.stats().remainingWait()).isGreaterThan(Duration.ofSeconds(19));
            b.breaker.transitionToClosed();
            Eventually.await(SOON, "a closed again", () -> a.state() == CircuitState.CLOSED);

            assertThat(a.transitions).containsExactly("CLOSED>FORCED_OPEN@a(local)", "FORCED_OPEN>CLOSED@b(remote)",
                    "CLOSED>DISABLED@a(local)", "DISABLED>OPEN@b(remote)", "OPEN>CLOSED@b(remote)");
        }
    }

    @Test
    void aManualHalfOpenMakesThisInstanceTheGroupsOnlyTrial(RedisServer redis) {
        try (Instance a = Instance.start("a", redis, Instance.config(Duration.ofSeconds(20))).awaitConnected();
                Instance b = Instance.start("b", redis, Instance.config(Duration.ofSeconds(20))).awaitConnected()) {
            a.trip();
            Eventually.await(SOON, "b open", () -> b.state() == CircuitState.OPEN);
            a.breaker.transitionToHalfOpen();
            Eventually.await(SOON, "b waits for a's trial", () -> b.breaker.stats().remainingWait().compareTo(Duration.ofSeconds(11)) < 0);
            assertThat(b.state()).isEqualTo(CircuitState.OPEN);
            a.breaker.run(() -> { });
            Eventually.await(SOON, "b closed by a's verdict", () -> b.state() == CircuitState.CLOSED);
        }
    }

    @Test
    void concurrentOperatorsConvergeOnTheNewestEpoch(RedisServer redis) throws Exception {
        try (Instance a = Instance.start("a", redis, Instance.config(Duration.ofSeconds(20))).awaitConnected();
                Instance b = Instance.start("b", redis, Instance.config(Duration.ofSeconds(20))).awaitConnected()) {
            for (int round = 0; round < 20; round++) {
                CyclicBarrier start = new CyclicBarrier(2);
                Thread t = new Thread(() -> {
                    await(start);
                    a.breaker.forceOpen();
                });
                t.start();
                await(start);
                b.breaker.transitionToClosed();
                t.join();
                Eventually.await(Duration.ofSeconds(1), "round " + round + " converged",
                        () -> a.state() == b.state() && a.registry.groupStatus(Instance.GROUP).orElseThrow().epoch()
                                == b.registry.groupStatus(Instance.GROUP).orElseThrow().epoch());
                // both states are the stored one, the newest epoch's
                String stored = redis.cli("GET", "circuitbreaker:{" + Instance.GROUP + "}:state");
                assertThat(stored).startsWith(a.state().name() + "|");
                a.breaker.reset();
                Eventually.await(SOON, "reset", () -> b.state() == CircuitState.CLOSED);
            }
        }
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
