package dev.circuitbreaker.spring.redis;

import dev.circuitbreaker.group.GroupStore;
import dev.circuitbreaker.redis.RedisGroupStore;
import dev.circuitbreaker.redis.RedisGroupStoreBuilder;
import dev.circuitbreaker.spring.autoconfigure.CircuitBreakerAutoConfiguration;
import dev.circuitbreaker.spring.autoconfigure.CircuitBreakerProperties;
import dev.circuitbreaker.spring.autoconfigure.ConditionalOnCircuitBreakerEnabled;
import dev.circuitbreaker.spring.autoconfigure.InvalidCircuitBreakerPropertyException;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Shared circuit groups through Redis: when {@code circuit-breaker-redis} is on the class path and a group under
 * {@code circuitbreaker.groups} sets {@code shared: true}, a {@link RedisGroupStore} on the Redis of Spring Boot's
 * own {@code spring.data.redis.*} properties (host, port, URL, credentials, database, TLS and SSL bundles,
 * Sentinel, Cluster), with {@code circuitbreaker.redis.key-prefix} and {@code refresh-interval}. The store
 * connects in the background: a Redis that is down at startup delays nothing, and a malformed setting still fails
 * startup naming the property. Its meter: {@link CircuitBreakerRedisMetricsAutoConfiguration}.
 */
@AutoConfiguration(before = CircuitBreakerAutoConfiguration.class)
@ConditionalOnCircuitBreakerEnabled
@ConditionalOnClass(RedisGroupStore.class)
@Conditional(CircuitBreakerRedisAutoConfiguration.OnSharedGroup.class)
@EnableConfigurationProperties(CircuitBreakerProperties.class)
public final class CircuitBreakerRedisAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(GroupStore.class)
    RedisGroupStore circuitBreakerGroupStore(CircuitBreakerProperties properties, Environment environment,
            ObjectProvider<SslBundles> sslBundles) {
        SpringDataRedisConnection connection = SpringDataRedisConnection.bind(Binder.get(environment));
        RedisGroupStoreBuilder builder;
        try {
            builder = connection.storeBuilder(name -> managers(sslBundles, name));
        } catch (IllegalArgumentException e) {
            throw new InvalidCircuitBreakerPropertyException(List.of(SpringDataRedisConnection.PREFIX),
                    "the Redis connection of shared circuit groups: " + e.getMessage(), e);
        }
        String keyPrefix = properties.getRedis().getKeyPrefix();
        try {
            builder.keyPrefix(keyPrefix);
        } catch (IllegalArgumentException e) {
            throw invalid(environment, "circuitbreaker.redis.key-prefix", keyPrefix, e);
        }
        try {
            builder.refreshInterval(properties.getRedis().getRefreshInterval());
        } catch (IllegalArgumentException e) {
            throw invalid(environment, "circuitbreaker.redis.refresh-interval", properties.getRedis().getRefreshInterval(), e);
        }
        return builder.build();
    }

    private static SpringDataRedisConnection.Managers managers(ObjectProvider<SslBundles> bundles, String name) {
        SslBundles all = bundles.getIfAvailable();
        if (all == null) {
            throw new IllegalArgumentException("ssl.bundle is '" + name + "' but the application has no SSL bundles");
        }
        SslBundle bundle = all.getBundle(name);
        return new SpringDataRedisConnection.Managers(bundle.getManagers().getKeyManagerFactory(),
                bundle.getManagers().getTrustManagerFactory());
    }

    private static InvalidCircuitBreakerPropertyException invalid(Environment environment, String path, Object value,
            IllegalArgumentException e) {
        String raw = environment.getProperty(path);
        return new InvalidCircuitBreakerPropertyException(List.of(path + "=" + (raw != null ? raw : value)), e.getMessage(), e);
    }

    /** Matches when some {@code circuitbreaker.groups.<group>.shared} is true. */
    static final class OnSharedGroup extends SpringBootCondition {

        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            Map<String, SharedFlag> groups = Binder.get(context.getEnvironment())
                    .bind("circuitbreaker.groups", Bindable.mapOf(String.class, SharedFlag.class)).orElse(Map.of());
            return groups.values().stream().anyMatch(g -> Boolean.TRUE.equals(g.shared()))
                    ? ConditionOutcome.match("a circuit group is shared")
                    : ConditionOutcome.noMatch("no circuitbreaker.groups.<group>.shared is true");
        }
    }

    /** Just the flag of a group: its other keys are bound, and validated, by the properties class. */
    record SharedFlag(Boolean shared) {
    }
}
