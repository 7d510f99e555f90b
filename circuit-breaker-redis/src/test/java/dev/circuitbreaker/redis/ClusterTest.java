package dev.circuitbreaker.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.circuitbreaker.CircuitState;
import dev.circuitbreaker.redis.support.Eventually;
import dev.circuitbreaker.redis.support.Instance;
import dev.circuitbreaker.redis.support.RedisCluster;
import dev.circuitbreaker.redis.support.RedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/**
 * A shared group on a real Redis Cluster (three masters made by {@code redis-cli --cluster create}), each instance
 * given a different node as its seed: the group's keys share one hash tag, so its scripts run on the one node that
 * owns the slot, reached by redirection, and its decisions travel over the cluster bus to subscribers on other nodes.
 */
class ClusterTest {

    private static RedisCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        if (!RedisServer.installed()) {
            String message = "redis-server is not installed (apt-get install redis-server)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(message + ": CI=true, so the Redis tests must run");
            }
            throw new TestAbortedException(message + ": Redis Cluster tests skipped");
        }
        cluster = RedisCluster.start();
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aTripOpensTheGroupEverywhereAndTheTrialHoldersVerdictClosesIt() throws Exception {
        try (Instance a = Instance.onCluster("a", cluster.seed(0), Instance.config(Duration.ofMillis(300))).awaitConnected();
                Instance b = Instance.onCluster("b", cluster.seed(1), Instance.config(Duration.ofMillis(300))).awaitConnected()) {
            a.trip();
            // the listener hears a transition just after the state changed: wait for what it heard
            Eventually.await(Duration.ofSeconds(2), "b opens", () -> b.transitions.contains("CLOSED>OPEN@a(remote)"));
            assertThat(b.state()).isEqualTo(CircuitState.OPEN);

            List<Integer> holding = new ArrayList<>();
            for (int node = 0; node < cluster.size(); node++) {
                if (cluster.keys(node).stream().anyMatch(k -> k.contains("{" + Instance.GROUP + "}"))) {
                    holding.add(node);
                }
            }
            assertThat(holding).as("the nodes holding the group's keys (one hash tag, one slot)").hasSize(1);

            Eventually.pause(Duration.ofMillis(350));
            callQuietly(b); // the wait is over: b asks the cluster for the group's trial (this call is still rejected)
            Eventually.await(Duration.ofSeconds(2), "b holds the trial", () -> b.state() == CircuitState.HALF_OPEN);
            assertThat(b.breaker.get(() -> "ok")).isEqualTo("ok");
            assertThat(b.state()).isEqualTo(CircuitState.CLOSED);
            Eventually.await(Duration.ofSeconds(2), "a closed", () -> a.transitions.size() == 2);
            assertThat(a.transitions).containsExactly("CLOSED>OPEN@a(local)", "OPEN>CLOSED@b(remote)");
            assertThat(a.state()).isEqualTo(CircuitState.CLOSED);
        }
    }

    @Test
    void anOperatorsTransitionOnOneMemberAppliesToTheWholeGroup() {
        try (Instance a = Instance.onCluster("a", cluster.seed(2), Instance.config(Duration.ofSeconds(30))).awaitConnected();
                Instance b = Instance.onCluster("b", cluster.seed(0), Instance.config(Duration.ofSeconds(30))).awaitConnected()) {
            a.breaker.forceOpen();
            Eventually.await(Duration.ofSeconds(2), "b forced open", () -> b.state() == CircuitState.FORCED_OPEN);
            b.breaker.transitionToClosed();
            Eventually.await(Duration.ofSeconds(2), "a closed", () -> a.state() == CircuitState.CLOSED);
        }
    }

    private static void callQuietly(Instance instance) {
        try {
            instance.breaker.run(() -> { });
        } catch (RuntimeException rejected) {
            // expected while OPEN
        }
    }
}
