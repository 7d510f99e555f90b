package dev.circuitbreaker.spring.redis;

import static dev.circuitbreaker.spring.redis.SharedGroupsAutoConfigurationTests.connected;
import static dev.circuitbreaker.spring.redis.SharedGroupsAutoConfigurationTests.runner;
import static dev.circuitbreaker.spring.redis.SharedGroupsAutoConfigurationTests.trip;
import static org.assertj.core.api.Assertions.assertThat;

import dev.circuitbreaker.CircuitBreakerRegistry;
import dev.circuitbreaker.CircuitState;
import dev.circuitbreaker.redis.RedisGroupStore;
import dev.circuitbreaker.redis.support.Eventually;
import dev.circuitbreaker.redis.support.RedisCluster;
import dev.circuitbreaker.redis.support.RedisSentinel;
import dev.circuitbreaker.redis.support.RedisServer;
import dev.circuitbreaker.redis.support.RedisServerExtension;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two applications sharing a group through Redis Cluster and through Sentinel, configured only with Spring Boot's
 * own {@code spring.data.redis.cluster.nodes} and {@code spring.data.redis.sentinel.*}, against real servers.
 */
@ExtendWith(RedisServerExtension.class)
class SharedGroupsOnClusterAndSentinelTests {

    static String[] shared(String instance, String... connection) {
        return Stream.concat(Stream.of("circuitbreaker.instances.payments.group=payments-cluster",
                "circuitbreaker.instances.payments.failure-threshold=3",
                "circuitbreaker.instances.payments.wait-duration-in-open-state=30s",
                "circuitbreaker.groups.payments-cluster.shared=true",
                "circuitbreaker.redis.refresh-interval=200ms",
                "spring.data.redis.client-name=" + instance), Stream.of(connection)).toArray(String[]::new);
    }

    @Test
    void twoApplicationsShareTheGroupThroughSpringDataRedisClusterNodes() throws Exception {
        try (RedisCluster cluster = RedisCluster.start()) {
            String a = "spring.data.redis.cluster.nodes=127.0.0.1:" + cluster.seed(0).getPort();
            String b = "spring.data.redis.cluster.nodes=127.0.0.1:" + cluster.seed(2).getPort() + ",127.0.0.1:"
                    + cluster.seed(1).getPort();
            assertShared(shared("a", a), shared("b", b));
        }
    }

    @Test
    void twoApplicationsShareTheGroupThroughSpringDataRedisSentinel(RedisServer redis) throws Exception {
        try (RedisSentinel sentinel = RedisSentinel.start(redis)) {
            String[] connection = {"spring.data.redis.sentinel.master=" + RedisSentinel.MASTER,
                    "spring.data.redis.sentinel.nodes=127.0.0.1:" + sentinel.uri().getSentinels().get(0).getPort()};
            assertShared(shared("a", connection), shared("b", connection));
            assertThat(redis.cli("EXISTS", "circuitbreaker:{payments-cluster}:state")).isEqualTo("1");
        }
    }

    private static void assertShared(String[] a, String[] b) {
        runner().withPropertyValues(a).run(first -> runner().withPropertyValues(b).run(second -> {
            assertThat(first).hasNotFailed().hasSingleBean(RedisGroupStore.class);
            assertThat(second).hasNotFailed();
            Eventually.await(Duration.ofSeconds(10), "both connected",
                    () -> connected(first) == 1.0 && connected(second) == 1.0);
            trip(first.getBean(CircuitBreakerRegistry.class).find("payments").orElseThrow());
            CircuitBreakerRegistry inSecond = second.getBean(CircuitBreakerRegistry.class);
            String firstInstance = first.getBean(RedisGroupStore.class).instanceId();
            Eventually.await(Duration.ofSeconds(2), "open in the second application, decided by the first",
                    () -> inSecond.find("payments").orElseThrow().state() == CircuitState.OPEN
                            && firstInstance.equals(inSecond.groupStatus("payments-cluster").orElseThrow().decidedBy()));
        }));
    }
}
