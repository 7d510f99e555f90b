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
                Instance a = new Instance("a", sentinel.uri(), Instance.config(Duration.ofSeconds(30)),
                        SharedGroupConfig.ofDefaults(), s -> s).awaitConnected();
                Instance b = new Instance("b", sentinel.uri(), Instance.config(Duration.ofSeconds(30)),
                        SharedGroupConfig.ofDefaults(), s -> s).awaitConnected()) {
            a.trip();
            Eventually.await(Duration.ofSeconds(2), "b opens", () -> b.state() == CircuitState.OPEN);
            assertThat(b.origins.get(0).instance()).isEqualTo("a");
            assertThat(redis.cli("--scan")).as("the group's keys, on the master the Sentinel named")
                    .contains("{" + Instance.GROUP + "}");

            b.breaker.transitionToClosed();
            Eventually.await(Duration.ofSeconds(2), "a closed", () -> a.state() == CircuitState.CLOSED);
        }
    }
}
