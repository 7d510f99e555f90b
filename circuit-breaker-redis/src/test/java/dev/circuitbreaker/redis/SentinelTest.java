package dev.circuitbreaker.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.circuitbreaker.CircuitState;
import dev.circuitbreaker.group.SharedGroupConfig;
import dev.circuitbreaker.redis.support.Eventually;
import dev.circuitbreaker.redis.support.Instance;
import dev.circuitbreaker.redis.support.RedisSentinel;
import dev.circuitbreaker.redis.support.RedisServer;
import dev.circuitbreaker.redis.support.RedisServerExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A shared group whose instances know Redis only through a real Sentinel ({@code redis-server --sentinel}
 * monitoring the test's server as {@code mymaster}): they ask it for the master, then share the group there.
 */
@ExtendWith(RedisServerExtension.class)
class SentinelTest {

    @Test
    void instancesThatFindTheMasterThroughSentinelShareTheGroup(RedisServer redis) throws Exception {
        try (RedisSentinel sentinel = RedisSentinel.start(redis);
                Instance a = through("a", sentinel);
                Instance b = through("b", sentinel)) {
            a.trip();
            Eventually.await(Duration.ofSeconds(2), "b opens", () -> b.transitions.contains("CLOSED>OPEN@a(remote)"));
            assertThat(b.state()).isEqualTo(CircuitState.OPEN);
            assertThat(redis.cli("--scan")).as("the group's keys, on the master the Sentinel named")
                    .contains("{" + Instance.GROUP + "}");

            b.breaker.transitionToClosed();
            Eventually.await(Duration.ofSeconds(2), "a closed", () -> a.state() == CircuitState.CLOSED);
        }
    }

    @Test
    void afterAFailoverTheInstancesFollowTheNewMasterAndKeepSharing(RedisServer redis) throws Exception {
        try (RedisServer replica = RedisServer.startReplicaOf(redis);
                RedisSentinel sentinel = RedisSentinel.start(redis, Duration.ofMillis(500));
                Instance a = through("a", sentinel);
                Instance b = through("b", sentinel)) {
            a.trip();
            Eventually.await(Duration.ofSeconds(2), "b opens", () -> b.state() == CircuitState.OPEN);
            Eventually.await(Duration.ofSeconds(5), "the replica has the group's state",
                    () -> RedisServer.cliOrEmpty(replica.port(), "EXISTS", "circuitbreaker:{" + Instance.GROUP + "}:state").equals("1"));

            redis.kill();
            Eventually.await(Duration.ofSeconds(20), "the Sentinel promoted the replica",
                    () -> sentinel.masterAddress().endsWith(":" + replica.port()));
            // The group stays OPEN locally while Redis moves (losing the store changes no local state).
            assertThat(a.state()).isEqualTo(CircuitState.OPEN);
            Eventually.await(Duration.ofSeconds(10), "both reconnected to the new master",
                    () -> a.store.isConnected() && b.store.isConnected());

            b.breaker.transitionToClosed();
            // the listener hears the transition just after the state changed: wait for what it heard
            Eventually.await(Duration.ofSeconds(3), "a closed by b through the new master",
                    () -> a.transitions.contains("OPEN>CLOSED@b(remote)"));
            assertThat(a.state()).isEqualTo(CircuitState.CLOSED);
            a.trip();
            Eventually.await(Duration.ofSeconds(3), "b opens again", () -> b.state() == CircuitState.OPEN);
        }
    }

    /** An instance that knows Redis only through the Sentinel, connected. */
    private static Instance through(String id, RedisSentinel sentinel) {
        return new Instance(id, sentinel.uri(), Instance.config(Duration.ofSeconds(30)), SharedGroupConfig.ofDefaults(),
                s -> s).awaitConnected();
    }
}
