package dev.circuitbreaker.redis.support;

import dev.circuitbreaker.CircuitBreaker;
import dev.circuitbreaker.CircuitBreakerConfig;
import dev.circuitbreaker.CircuitBreakerConfigBuilder;
import dev.circuitbreaker.CircuitBreakerListener;
import dev.circuitbreaker.CircuitBreakerRegistry;
import dev.circuitbreaker.CircuitState;
import dev.circuitbreaker.GroupTransition;
import dev.circuitbreaker.group.SharedGroupConfig;
import dev.circuitbreaker.redis.RedisGroupStore;
import dev.circuitbreaker.redis.RedisGroupStoreBuilder;
import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * One instance of a service, as a test sees it: its own Redis group store, registry and breaker {@code payments}
 * in the shared group {@code payments-cluster}. Several of them in one JVM are as separate as separate JVMs for
 * the store: nothing is shared but Redis. Thread-safe.
 */
public final class Instance implements AutoCloseable {

    public static final String GROUP = "payments-cluster";

    public final String id;
    public final RedisGroupStore store;
    public final CircuitBreakerRegistry registry;
    public final CircuitBreaker breaker;
    /** Every group transition heard: {@code FROM>TO@instance(remote|local)}. */
    public final List<String> transitions = new CopyOnWriteArrayList<>();
    public final List<GroupTransition> origins = new CopyOnWriteArrayList<>();

    public Instance(String id, RedisURI uri, CircuitBreakerConfigBuilder config, SharedGroupConfig sharing,
            UnaryOperator<RedisGroupStoreBuilder> store) {
        this(id, store.apply(RedisGroupStore.builder(uri).instanceId(id).refreshInterval(Duration.ofMillis(200))),
                config, sharing);
    }

    private Instance(String id, RedisGroupStoreBuilder store, CircuitBreakerConfigBuilder config, SharedGroupConfig sharing) {
        this.id = id;
        this.store = store.build();
        this.registry = CircuitBreakerRegistry.builder().groupStore(this.store).sharedGroup(GROUP, sharing).build();
        this.breaker = registry.circuitBreaker("payments", config.group(GROUP).build());
        breaker.addListener(new CircuitBreakerListener() {
            @Override
            public void onGroupTransition(CircuitBreaker b, CircuitState from, CircuitState to, GroupTransition origin) {
                origins.add(origin);
                transitions.add(from + ">" + to + "@" + origin.instance() + (origin.remote() ? "(remote)" : "(local)"));
            }
        });
    }

    /** An instance whose store knows the Redis Cluster through one seed node. */
    public static Instance onCluster(String id, RedisURI seed, CircuitBreakerConfigBuilder config) {
        return new Instance(id, RedisGroupStore.cluster(List.of(seed)).instanceId(id).refreshInterval(Duration.ofMillis(200)),
                config, SharedGroupConfig.ofDefaults());
    }

    public static Instance start(String id, RedisServer redis, CircuitBreakerConfigBuilder config) {
        return new Instance(id, redis.uri(), config, SharedGroupConfig.ofDefaults(), b -> b);
    }

    /** A config that trips after 3 failures and waits {@code wait} before a single trial decides. */
    public static CircuitBreakerConfigBuilder config(Duration wait) {
        return CircuitBreakerConfig.builder().failureThreshold(3).slidingWindowSize(10).waitDurationInOpenState(wait)
                .successThreshold(1).permittedCallsInHalfOpenState(1);
    }

    public Instance awaitConnected() {
        Eventually.await(Duration.ofSeconds(5), id + " connected to Redis", store::isConnected);
        Eventually.await(Duration.ofSeconds(5), id + "'s group status connected",
                () -> registry.groupStatus(GROUP).map(s -> s.connected()).orElse(false));
        return this;
    }

    /** Three failed calls: the local window trips. */
    public void trip() {
        for (int i = 0; i < 3; i++) {
            try {
                breaker.run(() -> {
                    throw new IllegalStateException("downstream failed");
                });
            } catch (RuntimeException expected) {
                // counted
            }
        }
    }

    public CircuitState state() {
        return breaker.state();
    }

    @Override
    public void close() {
        store.close();
    }
}
