package dev.circuitbreaker.redis;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisScriptingAsyncCommands;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.net.SocketAddress;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The store's two Redis connections, one for commands and one for the groups' channels, and whether the store can
 * be used: only while both are up and commands do not time out (a paused or blackholed Redis keeps its TCP
 * connections up, so a timed-out command makes the store unavailable until a later command succeeds). Connects
 * in the background, and reconnects itself (Lettuce's auto-reconnect is off, so a dead connection is replaced,
 * its channels subscribed again, and the outage logged once, not per attempt), with a bounded, jittered delay.
 * Everything but {@link #available()} runs on the store's thread.
 */
final class StoreConnection {

    private static final System.Logger LOG = System.getLogger("dev.circuitbreaker.redis");

    private final LettuceClients clients;
    private AbstractRedisClient client;
    private final RedisURI uri;
    private final RedisGroupStore.Settings settings;
    private final StoreThread thread;
    private final Consumer<Boolean> availability;
    private final BiConsumer<String, String> messages;
    private final Set<String> channels = new LinkedHashSet<>();
    private StatefulConnection<String, String> commandConnection;
    private RedisScriptingAsyncCommands<String, String> commands;
    private StatefulRedisPubSubConnection<String, String> subscriber;
    private boolean suspect;
    private boolean closed;
    private int failedConnects;
    private boolean connecting;
    private boolean warned;
    private volatile boolean available;

    StoreConnection(LettuceClients clients, RedisURI uri, RedisGroupStore.Settings settings, StoreThread thread,
            Consumer<Boolean> availability, BiConsumer<String, String> messages) {
        this.clients = clients;
        this.uri = uri;
        this.settings = settings;
        this.thread = thread;
        this.availability = availability;
        this.messages = messages;
    }

    /** Whether the store can be used now. Any thread. */
    boolean available() {
        return available;
    }

    /** The command interface, or null before the first connect. */
    RedisScriptingAsyncCommands<String, String> commands() {
        return commands;
    }

    void start() {
        thread.execute(this::connect);
    }

    /** Listens to {@code channel} from now on, through reconnects. */
    void subscribe(String channel) {
        if (channels.add(channel) && subscriber != null) {
            subscriber.async().subscribe(channel);
        }
    }

    void unsubscribe(String channel) {
        if (channels.remove(channel) && subscriber != null) {
            subscriber.async().unsubscribe(channel);
        }
    }

    /** A command answered: a store that was suspect is usable again. */
    void succeeded() {
        if (suspect) {
            suspect = false;
            evaluate();
        }
    }

    /** A command failed; a timeout makes the store suspect (no commands but probes) until one succeeds. */
    void failed(Throwable failure) {
        Throwable cause = failure.getCause() != null && !(failure instanceof RedisCommandTimeoutException) ? failure.getCause() : failure;
        if (cause instanceof RedisCommandTimeoutException && !suspect) {
            suspect = true;
            evaluate();
        }
    }

    /** While suspect, one PING per refresh interval finds out whether Redis answers again. */
    void probe() {
        evaluate();
        if (suspect && commandConnection != null && commandConnection.isOpen()) {
            ping().whenComplete((pong, failure) -> thread.execute(() -> {
                if (failure == null) {
                    succeeded();
                }
            }));
        }
    }

    void close() {
        closed = true;
        evaluate();
        if (commandConnection != null) {
            commandConnection.close();
        }
        if (subscriber != null) {
            subscriber.close();
        }
        if (client != null) {
            clients.shutdown(client); // closes the connections too
        }
    }

    /** Works out whether the store is usable; tells the store when that changed. One WARN per outage. */
    void evaluate() {
        dropDeadConnections();
        boolean now = !closed && !suspect && commandConnection != null && commandConnection.isOpen()
                && subscriber != null && subscriber.isOpen();
        if (now == available) {
            return;
        }
        available = now;
        if (now) {
            if (warned) {
                LOG.log(System.Logger.Level.INFO, "Redis group store at " + describe() + " is reachable again: shared "
                        + "circuit groups resynchronize");
            }
            warned = false;
        } else if (!closed && !warned) {
            warned = true;
            LOG.log(System.Logger.Level.WARNING, "Redis group store at " + describe() + " is unreachable or not "
                    + "answering within " + settings.commandTimeout().toMillis() + " ms: shared circuit groups run as "
                    + "in-memory groups on this instance until it is back; calls are not affected");
        }
        availability.accept(now);
    }

    /** A connection Redis closed is replaced: Lettuce does not reconnect it (see {@link LettuceClients}). */
    private void dropDeadConnections() {
        boolean dropped = false;
        if (commandConnection != null && !commandConnection.isOpen()) {
            commandConnection.closeAsync();
            commandConnection = null;
            commands = null;
            dropped = true;
        }
        if (subscriber != null && !subscriber.isOpen()) {
            subscriber.closeAsync();
            subscriber = null;
            dropped = true;
        }
        if (dropped && !closed && !connecting) {
            connecting = true;
            thread.schedule(this::connect, ThreadLocalRandom.current().nextLong(20, 100), TimeUnit.MILLISECONDS);
        }
    }

    private void connect() {
        connecting = false;
        if (closed) {
            return;
        }
        if (client == null) {
            // Made here, not by the caller of build(): a cold Lettuce takes a second or more to load.
            client = clients.create();
            client.addListener(new RedisConnectionStateListener() {
                @Override
                public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
                    thread.execute(StoreConnection.this::evaluate);
                }

                @Override
                public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
                    thread.execute(StoreConnection.this::evaluate);
                }
            });
        }
        connecting = true;
        if (commandConnection == null) {
            connectCommands().whenComplete((connection, failure) -> thread.execute(() -> {
                if (failure != null) {
                    retry(failure);
                } else if (closed) {
                    connection.closeAsync();
                } else {
                    commandConnection = connection;
                    commands = scripting(connection);
                    connect();
                    evaluate();
                }
            }));
            return;
        }
        if (subscriber == null) {
            connectSubscriber().whenComplete((connection, failure) -> thread.execute(() -> {
                if (failure != null) {
                    retry(failure);
                } else if (closed) {
                    connection.closeAsync();
                } else {
                    subscriber = connection;
                    connection.addListener(new RedisPubSubAdapter<>() {
                        @Override
                        public void message(String channel, String message) {
                            thread.execute(() -> messages.accept(channel, message));
                        }
                    });
                    if (!channels.isEmpty()) {
                        connection.async().subscribe(channels.toArray(String[]::new));
                    }
                    failedConnects = 0;
                    connecting = false;
                    evaluate();
                }
            }));
            return;
        }
        connecting = false;
    }

    private void retry(Throwable failure) {
        if (!warned) {
            warned = true;
            LOG.log(System.Logger.Level.WARNING, "Redis group store cannot connect to " + describe() + " (" + reason(failure)
                    + "): shared circuit groups run as in-memory groups on this instance until it can; calls are not "
                    + "affected. Retrying in the background, up to every " + settings.maxReconnectDelay().toMillis() + " ms");
        }
        evaluate();
        long cap = settings.maxReconnectDelay().toMillis();
        long delay = Math.min(cap, 50L << Math.min(failedConnects++, 10));
        thread.schedule(this::connect, delay / 2 + ThreadLocalRandom.current().nextLong(delay / 2 + 1), TimeUnit.MILLISECONDS);
    }

    /** The failure and, if it wraps one, its root cause: Lettuce's "Unable to connect" alone says little. */
    private static String reason(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == failure ? failure.toString() : failure + ", caused by " + root;
    }

    private CompletionStage<? extends StatefulConnection<String, String>> connectCommands() {
        try {
            if (client instanceof RedisClusterClient cluster) {
                // An asynchronous cluster connection needs the topology loaded first (the synchronous one loads it).
                return cluster.refreshPartitionsAsync().thenCompose(loaded -> cluster.connectAsync(StringCodec.UTF8));
            }
            return ((RedisClient) client).connectAsync(StringCodec.UTF8, uri);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private CompletionStage<? extends StatefulRedisPubSubConnection<String, String>> connectSubscriber() {
        try {
            if (client instanceof RedisClusterClient cluster) {
                return cluster.refreshPartitionsAsync().thenCompose(loaded -> cluster.connectPubSubAsync(StringCodec.UTF8));
            }
            return ((RedisClient) client).connectPubSubAsync(StringCodec.UTF8, uri);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private CompletionStage<String> ping() {
        if (commandConnection instanceof StatefulRedisClusterConnection<String, String> cluster) {
            return cluster.async().ping();
        }
        return ((StatefulRedisConnection<String, String>) commandConnection).async().ping();
    }

    private static RedisScriptingAsyncCommands<String, String> scripting(StatefulConnection<String, String> connection) {
        if (connection instanceof StatefulRedisClusterConnection<String, String> cluster) {
            return cluster.async();
        }
        return ((StatefulRedisConnection<String, String>) connection).async();
    }

    private String describe() {
        return settings.description();
    }
}
