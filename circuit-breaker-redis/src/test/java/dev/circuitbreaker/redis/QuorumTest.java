package dev.circuitbreaker.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.circuitbreaker.CircuitState;
import dev.circuitbreaker.group.SharedGroupConfig;
import dev.circuitbreaker.redis.support.Eventually;
import dev.circuitbreaker.redis.support.Instance;
import dev.circuitbreaker.redis.support.RedisServer;
import dev.circuitbreaker.redis.support.RedisServerExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RedisServerExtension.class)
class QuorumTest {

    @Test
    void withAQuorumOfTwoOneBadInstanceOpensOnlyItselfAndASecondTripWithinTheWindowOpensTheGroup(RedisServer redis) {
        SharedGroupConfig quorum = SharedGroupConfig.builder().quorum(2).quorumWindow(Duration.ofSeconds(5)).build();
        var config = Instance.config(Duration.ofSeconds(20));
        try (Instance a = new Instance("a", redis.uri(), config, quorum, s -> s).awaitConnected();
                Instance b = new Instance("b", redis.uri(), config, quorum, s -> s).awaitConnected();
                Instance c = new Instance("c", redis.uri(), config, quorum, s -> s).awaitConnected()) {
            a.trip();
            assertThat(a.state()).isEqualTo(CircuitState.OPEN);
            Eventually.pause(Duration.ofMillis(500)); // two refresh reads
            assertThat(b.state()).isEqualTo(CircuitState.CLOSED);
            assertThat(b.breaker.get(() -> "served")).isEqualTo("served");
            assertThat(c.state()).isEqualTo(CircuitState.CLOSED);

            c.trip();
            Eventually.await(Duration.ofSeconds(2), "b opens", () -> b.state() == CircuitState.OPEN);
            assertThat(b.origins.get(0).instance()).isEqualTo("c");
            Eventually.await(Duration.ofSeconds(2), "a follows the group", () -> a.registry.groupStatus(Instance.GROUP)
                    .orElseThrow().decidedBy().equals("c"));
        }
    }

    @Test
    void votesOlderThanTheQuorumWindowDoNotCount(RedisServer redis) {
        SharedGroupConfig quorum = SharedGroupConfig.builder().quorum(2).quorumWindow(Duration.ofMillis(300)).build();
        var config = Instance.config(Duration.ofSeconds(20));
        try (Instance a = new Instance("a", redis.uri(), config, quorum, s -> s).awaitConnected();
                Instance b = new Instance("b", redis.uri(), config, quorum, s -> s).awaitConnected()) {
            a.trip();
            Eventually.pause(Duration.ofMillis(450));
            b.trip();
            Eventually.pause(Duration.ofMillis(450));
            assertThat(a.registry.groupStatus(Instance.GROUP).orElseThrow().decidedBy()).isEqualTo("a");
            assertThat(a.transitions).containsExactly("CLOSED>OPEN@a(local)");
            assertThat(b.transitions).containsExactly("CLOSED>OPEN@b(local)");
        }
    }
}
