package dev.circuitbreaker.spring.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.circuitbreaker.CircuitBreaker;
import dev.circuitbreaker.CircuitBreakerRegistry;
import dev.circuitbreaker.CircuitState;
import dev.circuitbreaker.redis.RedisGroupStore;
import dev.circuitbreaker.redis.support.Eventually;
import dev.circuitbreaker.redis.support.RedisServer;
import dev.circuitbreaker.redis.support.RedisServerExtension;
import dev.circuitbreaker.spring.StarterContext;
import dev.circuitbreaker.spring.actuate.CircuitBreakersEndpoint;
import dev.circuitbreaker.spring.actuate.CircuitBreakersHealth;
import dev.circuitbreaker.spring.actuate.SharedGroupView;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;

/** The starter's wiring of shared groups: configuration, validation, the Redis connection, meter, endpoint and health. */
@ExtendWith(RedisServerExtension.class)
class SharedGroupsAutoConfigurationTests {

    static ApplicationContextRunner runner() {
        return StarterContext.runner()
                .withConfiguration(AutoConfigurations.of(CircuitBreakerRedisAutoConfiguration.class,
                        CircuitBreakerRedisMetricsAutoConfiguration.class))
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withPropertyValues("management.endpoints.web.exposure.include=circuitbreakers");
    }

    static String[] shared(int redisPort, String instance) {
        return new String[] {"circuitbreaker.instances.payments.group=payments-cluster",
                "circuitbreaker.instances.payments.failure-threshold=3",
                "circuitbreaker.instances.payments.wait-duration-in-open-state=30s",
                "circuitbreaker.instances.payments.register-health-indicator=true",
                "circuitbreaker.groups.payments-cluster.shared=true",
                "circuitbreaker.groups.payments-cluster.trial-lease=5s",
                "circuitbreaker.redis.key-prefix=" + "test",
                "circuitbreaker.redis.refresh-interval=200ms",
                "spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + redisPort,
                "spring.data.redis.client-name=" + instance};
    }

    @Test
    void withoutASharedGroupThereIsNoStore() {
        runner().withPropertyValues("circuitbreaker.instances.payments.group=payments-cluster").run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(RedisGroupStore.class);
            assertThat(context.getBean(CircuitBreakerRegistry.class).sharedGroups()).isEmpty();
        });
    }

    @Test
    void twoApplicationsShareTheGroupThroughTheRedisOfSpringDataRedisProperties(RedisServer redis) {
        runner().withPropertyValues(shared(redis.port(), "a")).run(a -> runner().withPropertyValues(shared(redis.port(), "b")).run(b -> {
            assertThat(a).hasNotFailed().hasSingleBean(RedisGroupStore.class);
            Eventually.await(Duration.ofSeconds(10), "both connected", () -> connected(a) == 1.0 && connected(b) == 1.0);
            trip(a.getBean(CircuitBreakerRegistry.class).find("payments").orElseThrow());
            CircuitBreaker inB = b.getBean(CircuitBreakerRegistry.class).find("payments").orElseThrow();
            Eventually.await(Duration.ofMillis(500), "b open", () -> inB.state() == CircuitState.OPEN);

            CircuitBreakersEndpoint.BreakerList list = b.getBean(CircuitBreakersEndpoint.class).breakers();
            SharedGroupView group = list.sharedGroups().get("payments-cluster");
            assertThat(group.connected()).isTrue();
            assertThat(group.decidedRemotely()).isTrue();
            assertThat(group.decidedBy()).isEqualTo(a.getBean(RedisGroupStore.class).instanceId());
            assertThat(group.decision()).isEqualTo("OPEN");
            assertThat(group.members()).containsExactly("payments");
            assertThat(b.getBean(CircuitBreakersEndpoint.class).breaker("payments").sharedGroup()).isEqualTo(group);
            assertThat(redis.cli("EXISTS", "test:{payments-cluster}:state")).isEqualTo("1");
        }));
    }

    @Test
    void redisUnreachableAtStartupDelaysNothingAndShowsTheStoreDown() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        runner().withPropertyValues(shared(closedPort, "a")).run(context -> {
            assertThat(context).hasNotFailed();
            CircuitBreaker payments = context.getBean(CircuitBreakerRegistry.class).find("payments").orElseThrow();
            assertThat(payments.get(() -> "served")).isEqualTo("served");
            trip(payments);
            assertThat(payments.state()).isEqualTo(CircuitState.OPEN); // an in-memory group here
            assertThat(connected(context)).isZero();
            assertThat(context.getBean(CircuitBreakersEndpoint.class).breakers().sharedGroups().get("payments-cluster").connected())
                    .isFalse();
        });
    }

    @Test
    void healthDetailsShowTheStoreWithoutEverMakingTheApplicationDown() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        ApplicationContextRunner runner = runner().withPropertyValues(shared(closedPort, "a"));
        runner.run(context -> {
            CircuitBreakerRegistry registry = context.getBean(CircuitBreakerRegistry.class);
            CircuitBreakersHealth.Result health = new CircuitBreakersHealth(registry, n -> true, n -> false).check();
            assertThat(health.down()).isFalse();
            @SuppressWarnings("unchecked") Map<String, Object> detail = (Map<String, Object>) health.details().get("payments");
            assertThat(detail).containsEntry("groupStore", "DOWN")
                    .containsEntry("sharedGroup", "payments-cluster");
        });
    }

    @Test
    void badSharedGroupSettingsFailStartupNamingThePropertyAndTheValue() {
        List<List<String>> bad = List.of(
                List.of("circuitbreaker.groups.payments-cluster.quorum=0", "circuitbreaker.groups.payments-cluster.quorum=0", "at least 1"),
                List.of("circuitbreaker.groups.payments-cluster.trial-lease=0s", "circuitbreaker.groups.payments-cluster.trial-lease=0s"),
                List.of("circuitbreaker.groups.payments-cluster.quorum-window=soon", "circuitbreaker.groups.payments-cluster.quorum-window", "soon"),
                List.of("circuitbreaker.groups.payments-cluster.qourum=2", "circuitbreaker.groups.payments-cluster.qourum"),
                List.of("circuitbreaker.redis.refresh-interval=1ms", "circuitbreaker.redis.refresh-interval=1ms"),
                List.of("circuitbreaker.redis.key-prefix=a b", "circuitbreaker.redis.key-prefix=a b"),
                List.of("circuitbreaker.redis.prefix=x", "circuitbreaker.redis.prefix"),
                List.of("spring.data.redis.cluster.nodes=nohost", "spring.data.redis", "nohost"));
        for (List<String> c : bad) {
            List<String> properties = new ArrayList<>(List.of(shared(1, "a")));
            properties.add(c.get(0));
            runner().withPropertyValues(properties.toArray(String[]::new)).run(context -> {
                assertThat(context).as(c.get(0)).hasFailed();
                assertThat(messages(context.getStartupFailure())).as(c.get(0)).contains(c.subList(1, c.size()));
            });
        }
    }

    @Test
    void aSharedGroupWithoutTheRedisModuleFailsStartupSayingWhatIsMissing() {
        StarterContext.runner().withClassLoader(new FilteredClassLoader(RedisGroupStore.class))
                .withConfiguration(AutoConfigurations.of(CircuitBreakerRedisAutoConfiguration.class))
                .withPropertyValues("circuitbreaker.groups.payments-cluster.shared=true").run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(messages(context.getStartupFailure()))
                            .contains("circuitbreaker.groups.payments-cluster.shared=true", "circuit-breaker-redis");
                });
    }

    static double connected(ConfigurableApplicationContext context) {
        MeterRegistry meters = context.getBean(MeterRegistry.class);
        if (meters.find("circuitbreaker.group.store.connected").gauge() == null) {
            context.getBean(GroupStoreMetrics.class).bindTo(meters); // Boot's metrics auto-configuration would
        }
        var gauge = meters.find("circuitbreaker.group.store.connected").tag("group", "payments-cluster").gauge();
        return gauge == null ? -1 : gauge.value();
    }

    static void trip(CircuitBreaker breaker) {
        for (int i = 0; i < 3; i++) {
            try {
                breaker.run(() -> {
                    throw new IllegalStateException("down");
                });
            } catch (IllegalStateException expected) {
                // counted
            }
        }
    }

    static String messages(Throwable failure) {
        List<String> messages = new ArrayList<>();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.add(String.valueOf(t.getMessage()));
        }
        return String.join("\n", messages);
    }
}
