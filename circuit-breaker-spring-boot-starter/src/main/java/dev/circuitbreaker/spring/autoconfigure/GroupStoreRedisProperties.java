package dev.circuitbreaker.spring.autoconfigure;

import java.time.Duration;

/**
 * {@code circuitbreaker.redis.*}: how shared groups use Redis. The connection itself is Spring Boot's
 * ({@code spring.data.redis.*}). A mutable binding target: not thread-safe, read once at startup.
 */
public class GroupStoreRedisProperties {

    /** The start of every Redis key and channel of shared groups: {@code <key-prefix>:{<group>}:...}. */
    private String keyPrefix = "circuitbreaker";

    /** How often each shared group reads its state from Redis (and at once after every reconnect), healing lost messages. */
    private Duration refreshInterval = Duration.ofSeconds(1);

    /** @return {@code circuitbreaker.redis.key-prefix} */
    public String getKeyPrefix() {
        return keyPrefix;
    }

    /** @param keyPrefix {@code circuitbreaker.redis.key-prefix} */
    public void setKeyPrefix(String keyPrefix) {
        this.keyPrefix = keyPrefix;
    }

    /** @return {@code circuitbreaker.redis.refresh-interval} */
    public Duration getRefreshInterval() {
        return refreshInterval;
    }

    /** @param refreshInterval {@code circuitbreaker.redis.refresh-interval} */
    public void setRefreshInterval(Duration refreshInterval) {
        this.refreshInterval = refreshInterval;
    }
}
