package dev.circuitbreaker.redis;

import dev.circuitbreaker.group.GroupLink;
import dev.circuitbreaker.group.GroupStore;
import dev.circuitbreaker.group.SharedGroupState;
import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Shares circuit groups across the instances of a service through Redis: give it to a registry, name the groups
 * to share, and a trip on any instance opens the group on every instance (within milliseconds through Redis
 * publish/subscribe, within the refresh interval at worst), one instance at a time runs the group's trial, and its
 * verdict, like an operator's transition, applies everywhere.
 *
 * <pre>{@code
 * RedisGroupStore store = RedisGroupStore.builder(RedisURI.create("redis://localhost:6379")).build();
 * CircuitBreakerRegistry registry = CircuitBreakerRegistry.builder()
 *         .groupStore(store)
 *         .sharedGroup("payments-cluster", SharedGroupConfig.ofDefaults())
 *         .build();
 * CircuitBreaker payments = registry.circuitBreaker("payments",
 *         CircuitBreakerConfig.builder().group("payments-cluster").build());
 * // ... and store.close() when the application stops
 * }</pre>
 *
 * <p>Redis never sits on a call's path: calls are decided from the group's in-memory state, Redis I/O runs on the
 * store's own thread and Lettuce's event loop, and while Redis is down, slow or unreachable (at startup too) every
 * group runs as an in-memory group on its own instance, logs one WARN and resynchronizes when Redis is back. Only
 * Redis's clock decides durations: an OPEN travels as the time left of its wait. Every decision carries an epoch,
 * so a late or replayed write changes nothing. Keys per group: four, with a hash tag, so Redis Cluster works too;
 * use {@code maxmemory-policy noeviction} (or a {@code volatile-*} policy) for the Redis that holds them.
 *
 * <p>The Lettuce client is configured for a store that must never hurt callers, not with Lettuce's defaults:
 * commands time out after {@link RedisGroupStoreBuilder#commandTimeout} (100 ms), are rejected at once while disconnected rather
 * than queued, connecting times out after {@link RedisGroupStoreBuilder#connectTimeout} (200 ms), and reconnects wait at most
 * {@link RedisGroupStoreBuilder#maxReconnectDelay} (1 s), jittered. Thread-safe.
 */
public final class RedisGroupStore implements GroupStore {

    private final Settings settings;
    private final StoreThread thread = new StoreThread();
    private final StoreConnection connection;
    private final Map<String, GroupReplica> replicas = new ConcurrentHashMap<>();

    RedisGroupStore(RedisGroupStoreBuilder builder) {
        this.settings = new Settings(builder.keyPrefix, builder.refreshInterval, builder.commandTimeout,
                builder.connectTimeout, builder.maxReconnectDelay, builder.instanceId, builder.subscribe,
                builder.cluster ? "cluster " + builder.uris : String.valueOf(builder.uris.get(0)));
        this.connection = new StoreConnection(new LettuceClients(builder), builder.cluster ? null : builder.uris.get(0),
                settings, thread, this::availabilityChanged, this::message);
        connection.start();
        thread.every(connection::probe, settings.refreshInterval().toMillis(), settings.refreshInterval().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /**
     * A store on the Redis at {@code uri} (standalone, or Sentinel with a {@code redis-sentinel://} URI).
     *
     * @param uri where Redis is, with its credentials and TLS settings
     * @return a builder
     */
    public static RedisGroupStoreBuilder builder(RedisURI uri) {
        if (uri == null) {
            throw new IllegalArgumentException("uri must not be null but was null");
        }
        return new RedisGroupStoreBuilder(List.of(uri), false);
    }

    /**
     * A store on the Redis Cluster reached through {@code seeds} (any of its nodes).
     *
     * @param seeds nodes of the cluster
     * @return a builder
     */
    public static RedisGroupStoreBuilder cluster(List<RedisURI> seeds) {
        if (seeds == null || seeds.isEmpty()) {
            throw new IllegalArgumentException("seeds must name at least one node but were " + seeds);
        }
        return new RedisGroupStoreBuilder(List.copyOf(seeds), true);
    }

    @Override
    public GroupLink attach(SharedGroupState group) {
        GroupReplica replica = new GroupReplica(group, settings, thread, connection, this::detach);
        if (replicas.putIfAbsent(replica.channel(), replica) != null) {
            throw new IllegalStateException("group '" + group.group() + "' is attached to this store already");
        }
        thread.execute(() -> {
            if (settings.subscribe()) {
                connection.subscribe(replica.channel());
            }
            replica.start();
        });
        return replica;
    }

    /**
     * Whether Redis can be used now: both connections up, and commands answered in time.
     *
     * @return true while connected
     */
    public boolean isConnected() {
        return connection.available();
    }

    /**
     * This instance's id in the store: in every decision it publishes.
     *
     * @return the id
     */
    public String instanceId() {
        return settings.instanceId();
    }

    /**
     * Stops sharing, closes the connections and, unless given its own, the client's threads. Waits up to 3 s; the
     * groups go on as in-memory groups.
     */
    @Override
    public void close() {
        thread.execute(() -> {
            replicas.values().forEach(GroupReplica::shutdown);
            connection.close();
        });
        thread.shutdown();
        try {
            thread.awaitTermination(3000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "RedisGroupStore[" + settings.description() + ", instance " + settings.instanceId() + "]";
    }

    void detach(GroupReplica replica) {
        replicas.remove(replica.channel(), replica);
        connection.unsubscribe(replica.channel());
    }

    private void availabilityChanged(boolean available) {
        replicas.values().forEach(r -> r.storeAvailable(available));
    }

    private void message(String channel, String message) {
        GroupReplica replica = replicas.get(channel);
        if (replica != null) {
            replica.onMessage(PeerMessage.parse(message));
        }
    }

    /** The store's settings, as built. */
    record Settings(String keyPrefix, Duration refreshInterval, Duration commandTimeout, Duration connectTimeout,
            Duration maxReconnectDelay, String instanceId, boolean subscribe, String description) {
    }
}
