package dev.circuitbreaker.redis.support;

import io.lettuce.core.RedisURI;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Redis Cluster of three masters (no replicas) on free loopback ports, made by {@code redis-cli --cluster
 * create}: each node holds a third of the slots, so keys of different hash tags live on different nodes, and a
 * PUBLISH on one node reaches subscribers on the others over the cluster bus. Not thread-safe.
 */
public final class RedisCluster implements AutoCloseable {

    private final List<RedisServer> nodes = new ArrayList<>();

    private RedisCluster() {
    }

    /** Starts three nodes, assigns the slots and waits until every node says the cluster is ok. */
    public static RedisCluster start() throws IOException, InterruptedException {
        RedisCluster cluster = new RedisCluster();
        try {
            for (int i = 0; i < 3; i++) {
                cluster.nodes.add(RedisServer.startClusterNode());
            }
            List<String> create = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
            cluster.nodes.forEach(n -> create.add("127.0.0.1:" + n.port()));
            create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
            Process p = new ProcessBuilder(create).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("redis-cli --cluster create failed: " + out);
            }
            for (RedisServer node : cluster.nodes) {
                Eventually.await(Duration.ofSeconds(10), "cluster ok on port " + node.port(),
                        () -> RedisServer.cliOrEmpty(node.port(), "CLUSTER", "INFO").contains("cluster_state:ok"));
            }
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** The seed a client is given: one node; it learns the others from it. */
    public RedisURI seed(int node) {
        return nodes.get(node).uri();
    }

    /** Every key on node {@code node} (a node lists only the keys of its own slots). */
    public List<String> keys(int node) throws IOException, InterruptedException {
        String out = nodes.get(node).cli("--scan");
        return out.isBlank() ? List.of() : List.of(out.split("\\R"));
    }

    public int size() {
        return nodes.size();
    }

    @Override
    public void close() {
        nodes.forEach(RedisServer::close);
    }
}
