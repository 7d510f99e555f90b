package dev.circuitbreaker.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.circuitbreaker.CircuitState;
import dev.circuitbreaker.GroupTransition;
import dev.circuitbreaker.group.SharedGroupConfig;
import dev.circuitbreaker.redis.support.Eventually;
import dev.circuitbreaker.redis.support.Instance;
import dev.circuitbreaker.redis.support.RedisServer;
import dev.circuitbreaker.redis.support.RedisServerExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RedisServerExtension.class)
class PropagationTest {

    @Test
    void aTripOnOneInstanceOpensTheGroupOnTheOthersThroughPublishSubscribe(RedisServer redis) {
        try (Instance a = Instance.start("a", redis, Instance.config(Duration.ofSeconds(30))).awaitConnected();
                Instance b = Instance.start("b", redis, Instance.config(Duration.ofSeconds(30))).awaitConnected()) {
            a.trip();
            assertThat(a.state()).isEqualTo(CircuitState.OPEN);
            Duration took = Eventually.await(Duration.ofMillis(250), "b opens", () -> b.state() == CircuitState.OPEN);

            assertThat(took).isLessThan(Duration.ofMillis(250));
            assertThat(b.breaker.stats().remainingWait()).isGreaterThan(Duration.ofSeconds(29));
            GroupTransition origin = b.origins.get(0);
            assertThat(origin.instance()).isEqualTo("a");
            assertThat(origin.remote()).isTrue();
            assertThat(origin.epoch()).isPositive();
            assertThat(a.transitions).containsExactly("CLOSED>OPEN@a(local)");
            assertThat(b.registry.groupStatus(Instance.GROUP).orElseThrow().decidedBy()).isEqualTo("a");
        }
    }

    @Test
    void withoutPublishSubscribeTheRefreshReadOpensTheGroupWithinTheRefreshInterval(RedisServer redis) {
        try (Instance a = Instance.start("a", redis, Instance.config(Duration.ofSeconds(30))).awaitConnected();
                Instance b = new Instance("b", redis.uri(), Instance.config(Duration.ofSeconds(30)),
                        SharedGroupConfig.ofDefaults(), s -> s.withoutSubscription()).awaitConnected()) {
            a.trip();
            // refresh interval 200 ms: within refresh + 200 ms
            Eventually.await(Duration.ofMillis(400), "b opens by its refresh read", () -> b.state() == CircuitState.OPEN);
            assertThat(b.origins.get(0).instance()).isEqualTo("a");
        }
    }
}
