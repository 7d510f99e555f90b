package dev.circuitbreaker.redis.support;

import io.lettuce.core.RedisURI;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real Redis Sentinel ({@code redis-server --sentinel}) on a free loopback port, monitoring one
 * {@link RedisServer} as master {@code mymaster}: a client given the Sentinel's address asks it where the master
 * is. Not thread-safe.
 */
public final class RedisSentinel implements AutoCloseable {

    public static final String MASTER = "mymaster";

    private final Path dir;
    private final int port;
    private final Process process;

    private RedisSentinel(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    /** Starts a Sentinel monitoring {@code master} and waits until it names the master's address. */
    public static RedisSentinel start(RedisServer master) throws IOException {
        return start(master, Duration.ofSeconds(30));
    }

    /**
     * Starts a Sentinel monitoring {@code master} that fails over to a replica once the master has not answered for
     * {@code downAfter}, and waits until it names the master's address.
     */
    public static RedisSentinel start(RedisServer master, Duration downAfter) throws IOException {
        Path dir = Files.createTempDirectory("redis-sentinel-test");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path conf = dir.resolve("sentinel.conf");
        Files.writeString(conf, "port " + port + "\nbind 127.0.0.1\nprotected-mode no\ndir " + dir + "\n"
                + "sentinel monitor " + MASTER + " 127.0.0.1 " + master.port() + " 1\n"
                + "sentinel down-after-milliseconds " + MASTER + " " + downAfter.toMillis() + "\n"
                + "sentinel failover-timeout " + MASTER + " 5000\n");
        Process process = new ProcessBuilder("redis-server", conf.toString(), "--sentinel").redirectErrorStream(true)
                .redirectOutput(dir.resolve("sentinel.log").toFile()).start();
        RedisSentinel sentinel = new RedisSentinel(dir, port, process);
        try {
            Eventually.await(Duration.ofSeconds(5), "the sentinel names the master",
                    () -> sentinel.masterAddress().endsWith(Integer.toString(master.port())));
            return sentinel;
        } catch (RuntimeException e) {
            sentinel.close();
            throw e;
        }
    }

    /** The address a client is given: the Sentinel's, with the master's name. */
    public RedisURI uri() {
        return RedisURI.Builder.sentinel("127.0.0.1", port, MASTER).build();
    }

    /** {@return where the Sentinel says the master is now, as {@code host:port}} */
    public String masterAddress() {
        return RedisServer.cliOrEmpty(port, "SENTINEL", "get-master-addr-by-name", MASTER).replaceAll("\\s+", ":");
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // A temp dir left behind.
        }
    }
}
