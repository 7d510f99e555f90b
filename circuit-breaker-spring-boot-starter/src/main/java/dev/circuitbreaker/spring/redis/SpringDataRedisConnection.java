package dev.circuitbreaker.spring.redis;

import dev.circuitbreaker.redis.RedisGroupStore;
import dev.circuitbreaker.redis.RedisGroupStoreBuilder;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SslOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;
import org.springframework.boot.context.properties.bind.Binder;

/**
 * Spring Boot's Redis connection properties ({@code spring.data.redis.*}: url or host/port, username, password,
 * database, client-name, ssl.enabled, ssl.bundle, sentinel.*, cluster.nodes), read with a {@link Binder}, as a
 * {@link RedisGroupStore} builder. Boot's timeouts are not taken: the store's own, much shorter ones are the point.
 * Immutable.
 *
 * @param url {@code redis://} or {@code rediss://} URL; wins over host, port, username, password and database
 * @param ssl TLS settings
 * @param sentinel Sentinel settings
 * @param cluster Cluster settings
 */
record SpringDataRedisConnection(String url, String host, Integer port, String username, String password,
        Integer database, String clientName, Ssl ssl, Sentinel sentinel, Cluster cluster) {

    static final String PREFIX = "spring.data.redis";

    /** {@code spring.data.redis.ssl.*}. */
    record Ssl(Boolean enabled, String bundle) {
    }

    /** {@code spring.data.redis.sentinel.*}. */
    record Sentinel(String master, List<String> nodes, String username, String password) {
    }

    /** {@code spring.data.redis.cluster.*}. */
    record Cluster(List<String> nodes) {
    }

    static SpringDataRedisConnection bind(Binder binder) {
        return binder.bind(PREFIX, SpringDataRedisConnection.class)
                .orElseGet(() -> new SpringDataRedisConnection(null, null, null, null, null, null, null, null, null, null));
    }

    /**
     * A builder for the Redis these properties describe.
     *
     * @param sslBundles the key and trust managers of an SSL bundle by name, for {@code ssl.bundle}
     */
    RedisGroupStoreBuilder storeBuilder(Function<String, Managers> sslBundles) {
        boolean tls = ssl != null && (Boolean.TRUE.equals(ssl.enabled()) || ssl.bundle() != null);
        RedisGroupStoreBuilder builder;
        if (cluster != null && cluster.nodes() != null && !cluster.nodes().isEmpty()) {
            List<RedisURI> seeds = new ArrayList<>();
            for (String node : cluster.nodes()) {
                seeds.add(credentials(hostPort(RedisURI.builder(), node, PREFIX + ".cluster.nodes"), tls).build());
            }
            builder = RedisGroupStore.cluster(seeds);
        } else if (sentinel != null && sentinel.master() != null) {
            RedisURI.Builder uri = RedisURI.builder().withSentinelMasterId(sentinel.master());
            for (String node : sentinel.nodes() == null ? List.<String>of() : sentinel.nodes()) {
                String[] hp = split(node, PREFIX + ".sentinel.nodes");
                RedisURI.Builder s = RedisURI.builder().withHost(hp[0]).withPort(Integer.parseInt(hp[1]));
                if (sentinel.password() != null) {
                    s.withAuthentication(sentinel.username() != null ? sentinel.username() : "default", sentinel.password());
                }
                uri.withSentinel(s.build());
            }
            builder = RedisGroupStore.builder(credentials(uri, tls).withDatabase(database == null ? 0 : database).build());
        } else if (url != null) {
            RedisURI uri = RedisURI.create(url);
            if (clientName != null) {
                uri.setClientName(clientName);
            }
            if (tls) {
                uri.setSsl(true);
            }
            builder = RedisGroupStore.builder(uri);
        } else {
            RedisURI.Builder uri = RedisURI.builder().withHost(host == null ? "localhost" : host)
                    .withPort(port == null ? 6379 : port).withDatabase(database == null ? 0 : database);
            builder = RedisGroupStore.builder(credentials(uri, tls).build());
        }
        if (ssl != null && ssl.bundle() != null) {
            Managers managers = sslBundles.apply(ssl.bundle());
            SslOptions.Builder options = SslOptions.builder().jdkSslProvider();
            if (managers.keys() != null) {
                options.keyManager(managers.keys());
            }
            if (managers.trust() != null) {
                options.trustManager(managers.trust());
            }
            builder.sslOptions(options.build());
        }
        return builder;
    }

    /** An SSL bundle's key and trust managers (either may be null). */
    record Managers(KeyManagerFactory keys, TrustManagerFactory trust) {
    }

    /** Where the connection goes, for messages (no credentials). */
    String describe() {
        if (cluster != null && cluster.nodes() != null && !cluster.nodes().isEmpty()) {
            return "cluster " + cluster.nodes();
        }
        if (sentinel != null && sentinel.master() != null) {
            return "sentinel master " + sentinel.master() + " " + sentinel.nodes();
        }
        if (url != null) {
            RedisURI uri = RedisURI.create(url);
            return uri.getHost() + ":" + uri.getPort();
        }
        return (host == null ? "localhost" : host) + ":" + (port == null ? 6379 : port);
    }

    private RedisURI.Builder credentials(RedisURI.Builder uri, boolean tls) {
        if (password != null) {
            if (username != null) {
                uri.withAuthentication(username, password);
            } else {
                uri.withPassword(password.toCharArray());
            }
        }
        if (clientName != null) {
            uri.withClientName(clientName);
        }
        return uri.withSsl(tls);
    }

    private static RedisURI.Builder hostPort(RedisURI.Builder uri, String node, String property) {
        String[] hp = split(node, property);
        return uri.withHost(hp[0]).withPort(Integer.parseInt(hp[1]));
    }

    private static String[] split(String node, String property) {
        int colon = node.lastIndexOf(':');
        if (colon <= 0 || colon == node.length() - 1 || !node.substring(colon + 1).chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException(property + " must list host:port nodes but has '" + node + "'");
        }
        return new String[] {node.substring(0, colon), node.substring(colon + 1)};
    }
}
