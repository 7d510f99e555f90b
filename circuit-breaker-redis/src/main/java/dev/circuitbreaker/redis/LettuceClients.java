package dev.circuitbreaker.redis;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.event.command.CommandListener;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Makes the store's Lettuce client, configured for a store that must never hurt callers rather than with Lettuce's
 * defaults (a 60 s command timeout, an unbounded queue that buffers commands while disconnected, a reconnect delay
 * that grows past 30 s and a log line per failed attempt): commands time out after the command timeout, are rejected
 * at once while disconnected, at most 1,024 wait in the queue, and connecting times out after the connect timeout.
 * Lettuce's auto-reconnect is off: {@link StoreConnection} replaces a dead connection itself, waiting at most the max
 * reconnect delay, jittered, and logs an outage once. Immutable.
 */
final class LettuceClients {

    private final List<RedisURI> uris;
    private final boolean cluster;
    private final Duration commandTimeout;
    private final Duration connectTimeout;
    private final Duration maxReconnectDelay;
    private final ClientResources given;
    private final CommandListener listener;
    private final SslOptions ssl;
    private volatile ClientResources own;

    LettuceClients(RedisGroupStoreBuilder builder) {
        this.uris = builder.uris;
        this.cluster = builder.cluster;
        this.commandTimeout = builder.commandTimeout;
        this.connectTimeout = builder.connectTimeout;
        this.maxReconnectDelay = builder.maxReconnectDelay;
        this.given = builder.resources;
        this.listener = builder.commandListener;
        this.ssl = builder.sslOptions;
    }

    AbstractRedisClient create() {
        AbstractRedisClient client = configured();
        if (listener != null) {
            client.addListener(listener);
        }
        return client;
    }

    private AbstractRedisClient configured() {
        ClientResources resources = given;
        if (resources == null) {
            own = DefaultClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(2)
                    .reconnectDelay(Delay.fullJitter(Duration.ofMillis(20), maxReconnectDelay, 100, TimeUnit.MILLISECONDS))
                    .build();
            resources = own;
        }
        SocketOptions socket = SocketOptions.builder().connectTimeout(connectTimeout).keepAlive(true).build();
        TimeoutOptions timeouts = TimeoutOptions.enabled(commandTimeout);
        if (cluster) {
            RedisClusterClient client = RedisClusterClient.create(resources, uris);
            client.setOptions(ClusterClientOptions.builder().socketOptions(socket).timeoutOptions(timeouts)
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).autoReconnect(false)
                    .requestQueueSize(1024).sslOptions(ssl != null ? ssl : SslOptions.create()).build());
            return client;
        }
        RedisClient client = RedisClient.create(resources);
        client.setOptions(ClientOptions.builder().socketOptions(socket).timeoutOptions(timeouts)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).autoReconnect(false)
                .requestQueueSize(1024).sslOptions(ssl != null ? ssl : SslOptions.create()).build());
        return client;
    }

    /** Closes the client's connections and, if the store made them, its threads; waits up to a second each. */
    void shutdown(AbstractRedisClient client) {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
        ClientResources resources = own;
        if (resources != null) {
            resources.shutdown(0, 1, TimeUnit.SECONDS);
        }
    }
}
