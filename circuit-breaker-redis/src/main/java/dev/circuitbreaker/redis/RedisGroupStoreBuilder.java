package dev.circuitbreaker.redis;

import io.lettuce.core.RedisURI;
import io.lettuce.core.SslOptions;
import io.lettuce.core.event.command.CommandListener;
import io.lettuce.core.resource.ClientResources;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Builds a {@link RedisGroupStore}; each setter rejects a bad value at once, naming it and the value. Not
 * thread-safe.
 */
public final class RedisGroupStoreBuilder {

    final List<RedisURI> uris;
    final boolean cluster;
    String keyPrefix = "circuitbreaker";
    Duration refreshInterval = Duration.ofSeconds(1);
    Duration commandTimeout = Duration.ofMillis(100);
    Duration connectTimeout = Duration.ofMillis(200);
    Duration maxReconnectDelay = Duration.ofSeconds(1);
    String instanceId = defaultInstanceId();
    ClientResources resources;
    SslOptions sslOptions;
    boolean subscribe = true;
    CommandListener commandListener;

    RedisGroupStoreBuilder(List<RedisURI> uris, boolean cluster) {
        this.uris = uris;
        this.cluster = cluster;
    }

    /**
     * The start of every key and channel name, so that several applications can share one Redis; default
     * {@code circuitbreaker}. A group's keys are {@code <prefix>:{<group>}:epoch|state|trial|votes}.
     *
     * @param keyPrefix the value
     * @return this builder
     * @throws IllegalArgumentException if blank, or holding whitespace or braces
     */
    public RedisGroupStoreBuilder keyPrefix(String keyPrefix) {
        if (keyPrefix == null || keyPrefix.isBlank() || !keyPrefix.equals(keyPrefix.strip())
                || keyPrefix.chars().anyMatch(c -> Character.isWhitespace(c) || c == '{' || c == '}')) {
            throw new IllegalArgumentException("keyPrefix must be non-blank, without whitespace or braces, but was "
                    + (keyPrefix == null ? null : '"' + keyPrefix + '"'));
        }
        this.keyPrefix = keyPrefix;
        return this;
    }

    /**
     * How often each shared group reads its state from Redis (and at once after every reconnect), which heals
     * messages lost while the subscription was down; default 1 s.
     *
     * @param refreshInterval the value
     * @return this builder
     * @throws IllegalArgumentException if null, under 10 ms or over 1 hour
     */
    public RedisGroupStoreBuilder refreshInterval(Duration refreshInterval) {
        this.refreshInterval = checked("refreshInterval", refreshInterval, Duration.ofMillis(10), Duration.ofHours(1));
        return this;
    }

    /**
     * How long a command may take before the store counts Redis as unavailable (a paused or blackholed Redis),
     * until a later command is answered; default 100 ms. Never seen by a caller.
     *
     * @param commandTimeout the value
     * @return this builder
     * @throws IllegalArgumentException if null, under 1 ms or over 1 minute
     */
    public RedisGroupStoreBuilder commandTimeout(Duration commandTimeout) {
        this.commandTimeout = checked("commandTimeout", commandTimeout, Duration.ofMillis(1), Duration.ofMinutes(1));
        return this;
    }

    /**
     * How long connecting may take; default 200 ms.
     *
     * @param connectTimeout the value
     * @return this builder
     * @throws IllegalArgumentException if null, under 1 ms or over 1 minute
     */
    public RedisGroupStoreBuilder connectTimeout(Duration connectTimeout) {
        this.connectTimeout = checked("connectTimeout", connectTimeout, Duration.ofMillis(1), Duration.ofMinutes(1));
        return this;
    }

    /**
     * The longest wait between reconnect attempts (exponential from 100 ms, jittered); default 1 s. Applies to
     * the store's own client resources only (see {@link #clientResources}).
     *
     * @param maxReconnectDelay the value
     * @return this builder
     * @throws IllegalArgumentException if null, under 10 ms or over 1 minute
     */
    public RedisGroupStoreBuilder maxReconnectDelay(Duration maxReconnectDelay) {
        this.maxReconnectDelay = checked("maxReconnectDelay", maxReconnectDelay, Duration.ofMillis(10), Duration.ofMinutes(1));
        return this;
    }

    /**
     * This instance's id in the store, shown as the origin of its decisions ("which instance tripped"); default
     * {@code <host>-<pid>-<random>}.
     *
     * @param instanceId the value
     * @return this builder
     * @throws IllegalArgumentException if blank, or holding whitespace or '|'
     */
    public RedisGroupStoreBuilder instanceId(String instanceId) {
        if (instanceId == null || instanceId.isBlank() || instanceId.contains("|")
                || instanceId.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("instanceId must be non-blank, without whitespace or '|', but was "
                    + (instanceId == null ? null : '"' + instanceId + '"'));
        }
        this.instanceId = instanceId;
        return this;
    }

    /**
     * Lettuce client resources to share (event loops); by default the store makes small ones of its own, with
     * the bounded reconnect delay, and shuts them down on {@link RedisGroupStore#close()}. Given resources are
     * neither changed nor shut down: their reconnect delay is theirs.
     *
     * @param resources the value
     * @return this builder
     */
    public RedisGroupStoreBuilder clientResources(ClientResources resources) {
        if (resources == null) {
            throw new IllegalArgumentException("resources must not be null but was null");
        }
        this.resources = resources;
        return this;
    }

    /**
     * TLS settings (key and trust material) for a Redis reached with TLS ({@code rediss://}, or
     * {@link RedisURI#setSsl}); default: the JDK's.
     *
     * @param sslOptions Lettuce's TLS settings
     * @return this builder
     * @throws IllegalArgumentException if null
     */
    public RedisGroupStoreBuilder sslOptions(SslOptions sslOptions) {
        if (sslOptions == null) {
            throw new IllegalArgumentException("sslOptions must not be null but was null");
        }
        this.sslOptions = sslOptions;
        return this;
    }

    /** Tests only: a store that never subscribes, so peers' decisions reach it only by the refresh reads. */
    RedisGroupStoreBuilder withoutSubscription() {
        this.subscribe = false;
        return this;
    }

    /** Tests only: hears every command the store's client sends, on the thread that sends it. */
    RedisGroupStoreBuilder commandListener(CommandListener listener) {
        this.commandListener = listener;
        return this;
    }

    /**
     * Builds the store and starts connecting in the background: returns at once, whether Redis is up or not.
     *
     * @return the store; close it when the application stops
     */
    public RedisGroupStore build() {
        return new RedisGroupStore(this);
    }

    private static Duration checked(String option, Duration value, Duration min, Duration max) {
        if (value == null || value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(option + " must be between " + min.toMillis() + "ms and " + max
                    + " but was " + value);
        }
        return value;
    }

    private static String defaultInstanceId() {
        // The host name from the environment: a DNS lookup could hold up application startup.
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            host = System.getenv("COMPUTERNAME");
        }
        host = host == null || host.isBlank() ? "jvm" : host.replaceAll("[\\s|]", "_");
        return host + "-" + ManagementFactory.getRuntimeMXBean().getPid() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
