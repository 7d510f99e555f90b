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
            // within milliseconds normally (BENCHMARKS.md); the bound leaves room for a loaded 2-core CI machine
            Eventually.await(Duration.ofMillis(500), "b opens", () -> !b.origins.isEmpty()); // heard just after the state changed
            assertThat(b.state()).isEqualTo(CircuitState.OPEN);

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
            // refresh interval 200 ms: within a few refresh intervals, not by pub/sub
            Eventually.await(Duration.ofMillis(800), "b opens by its refresh read", () -> !b.origins.isEmpty());
            assertThat(b.state()).isEqualTo(CircuitState.OPEN);
            assertThat(b.origins.get(0).instance()).isEqualTo("a");
        }
    }
}
