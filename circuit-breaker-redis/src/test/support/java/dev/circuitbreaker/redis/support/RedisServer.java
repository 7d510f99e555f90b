package dev.circuitbreaker.redis.support;

import io.lettuce.core.RedisURI;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} process on a free loopback port, without persistence, that a test can kill (SIGKILL),
 * pause (SIGSTOP), resume and restart on the same port. Commands go through {@code redis-cli}. Not thread-safe.
 */
public final class RedisServer implements AutoCloseable {

    private final Path dir;
    private final int port;
    /** Further {@code redis-server} arguments, e.g. those of a cluster node. */
    private final List<String> options;
    private Process process;
    private boolean paused;

    private RedisServer(Path dir, int port, List<String> options) {
        this.dir = dir;
        this.port = port;
        this.options = options;
    }

    /** Whether a redis-server binary is on the PATH. */
    public static boolean installed() {
        return which("redis-server") && which("redis-cli");
    }

    /** Starts a server on a free port. */
    public static RedisServer start() throws IOException {
        return start(false, null);
    }

    /**
     * Starts a node for a Redis Cluster on a free port, its cluster bus on another ({@code cluster-port}); it
     * serves nothing until {@link RedisCluster} has assigned the slots.
     */
    public static RedisServer startClusterNode() throws IOException {
        return start(true, null);
    }

    /**
     * Starts a replica of {@code master} on a free port and waits until it is in sync. The master is told to start
     * the transfer at once (Redis 7 waits {@code repl-diskless-sync-delay}, 5 s, for more replicas by default).
     */
    public static RedisServer startReplicaOf(RedisServer master) throws IOException, InterruptedException {
        master.cli("CONFIG", "SET", "repl-diskless-sync-delay", "0");
        RedisServer replica = start(false, master);
        Eventually.await(Duration.ofSeconds(10), "the replica in sync with its master",
                () -> cliOrEmpty(replica.port, "INFO", "replication").contains("master_link_status:up"));
        return replica;
    }

    private static RedisServer start(boolean clusterNode, RedisServer master) throws IOException {
        IOException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            List<String> options = clusterNode
                    ? List.of("--cluster-enabled", "yes", "--cluster-port", Integer.toString(freePort()),
                            "--cluster-config-file", "nodes.conf")
                    : master != null ? List.of("--replicaof", "127.0.0.1", Integer.toString(master.port())) : List.of();
            RedisServer server = new RedisServer(Files.createTempDirectory("redis-test"), freePort(), options);
            try {
                server.launch();
                return server;
            } catch (IOException e) {
                last = e;
                server.close();
            }
        }
        throw last;
    }

    /** A server on {@code port}, not started: for a store that must connect to nothing first. */
    public static RedisServer notStarted() throws IOException {
        return new RedisServer(Files.createTempDirectory("redis-test"), freePort(), List.of());
    }

    public int port() {
        return port;
    }

    public RedisURI uri() {
        return RedisURI.builder().withHost("127.0.0.1").withPort(port).build();
    }

    public boolean running() {
        return process != null && process.isAlive();
    }

    /** Starts it (again) on its port: a restarted Redis, without any data. */
    public void launch() throws IOException {
        List<String> command = new ArrayList<>(List.of("redis-server", "--bind", "127.0.0.1", "--port",
                Integer.toString(port), "--save", "", "--appendonly", "no", "--dir", dir.toString(), "--protected-mode", "no"));
        command.addAll(options);
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
        paused = false;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("redis-server exited: " + Files.readString(dir.resolve("redis.log")));
            }
            if ("PONG".equals(pingOnce())) {
                return;
            }
            sleep(10);
        }
        throw new IOException("redis-server on port " + port + " did not answer PING");
    }

    /** SIGKILL: Redis is gone at once, with its data. */
    public void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly(); // SIGKILL works on a stopped process too
            paused = false;
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }

    /** SIGSTOP: Redis keeps its connections but answers nothing (slow, not down). */
    public void pause() throws IOException, InterruptedException {
        signal("-STOP");
        paused = true;
    }

    /** SIGCONT after {@link #pause()}: Redis answers again, running what it was sent meanwhile. */
    public void resume() throws IOException, InterruptedException {
        signal("-CONT");
        paused = false;
    }

    /** Runs a command through redis-cli and returns its output. */
    public String cli(String... command) throws IOException, InterruptedException {
        return cli(port, command);
    }

    /** Runs a command through redis-cli against the server (or Sentinel) on {@code port}; its output. */
    static String cli(int port, String... command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("redis-cli", "-h", "127.0.0.1", "-p", Integer.toString(port)));
        cmd.addAll(List.of(command));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        p.waitFor(5, TimeUnit.SECONDS);
        return out;
    }

    /** Like {@link #cli(int, String...)}, but an empty answer where redis-cli fails: for polling until a condition. */
    public static String cliOrEmpty(int port, String... command) {
        try {
            return cli(port, command);
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    public void flushAll() throws IOException, InterruptedException {
        cli("FLUSHALL");
    }

    /** How many times Redis ran {@code command} (lower case, e.g. "evalsha") since start or CONFIG RESETSTAT. */
    public long calls(String command) throws IOException, InterruptedException {
        for (String line : cli("INFO", "commandstats").split("\\R")) {
            if (line.startsWith("cmdstat_" + command + ":calls=")) {
                String rest = line.substring(("cmdstat_" + command + ":calls=").length());
                return Long.parseLong(rest.substring(0, rest.indexOf(',')));
            }
        }
        return 0;
    }

    /** Every command Redis ran, by name, from INFO commandstats. */
    public String commandStats() throws IOException, InterruptedException {
        return cli("INFO", "commandstats");
    }

    @Override
    public void close() {
        try {
            kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // A temp dir left behind.
        }
    }

    private void signal(String signal) throws IOException, InterruptedException {
        new ProcessBuilder("kill", signal, Long.toString(process.pid())).start().waitFor(5, TimeUnit.SECONDS);
    }

    private String pingOnce() {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(Math.toIntExact(Duration.ofMillis(500).toMillis()));
            OutputStream out = s.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[16];
            int n = in.read(buf);
            return n > 0 ? new String(buf, 0, n, StandardCharsets.US_ASCII).trim().replace("+", "") : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static boolean which(String binary) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, binary))) {
                return true;
            }
        }
        return false;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
