package dev.circuitbreaker.redis.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A {@link GroupMemberMain} in a JVM of its own, started with the test's class path and driven line by line. */
public final class MemberProcess implements AutoCloseable {

    /** A transition the member printed. */
    public record Event(long nanoTime, String from, String to, String instance, boolean remote) {
    }

    public final String id;
    private final Process process;
    private final PrintStream in;
    private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();
    public final List<Event> events = new CopyOnWriteArrayList<>();

    public MemberProcess(String id, int redisPort, Duration wait, Duration lease) throws IOException {
        this.id = id;
        String java = System.getProperty("java.home") + "/bin/java";
        process = new ProcessBuilder(java, "-Xmx128m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                GroupMemberMain.class.getName(), Integer.toString(redisPort), id, Long.toString(wait.toMillis()),
                Long.toString(lease.toMillis())).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        in = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null;) {
                    if (line.startsWith("EVENT ")) {
                        String[] f = line.split(" ");
                        events.add(new Event(Long.parseLong(f[1]), f[2], f[3], f[4], Boolean.parseBoolean(f[5])));
                    } else {
                        replies.add(line);
                    }
                }
            } catch (IOException ended) {
                // the process is gone
            }
        }, "member-" + id);
        reader.setDaemon(true);
        reader.start();
    }

    /** Sends a command and waits (up to 10 s) for its answer. */
    public String send(String command) {
        in.println(command);
        try {
            String reply = replies.poll(10, TimeUnit.SECONDS);
            if (reply == null) {
                throw new AssertionError(id + " did not answer " + command);
            }
            return reply;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public MemberProcess awaitConnected() {
        Eventually.await(Duration.ofSeconds(20), id + " connected", () -> "true".equals(send("connected")));
        return this;
    }

    public long pid() {
        return process.pid();
    }

    /** SIGKILL. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
    }

    public void signal(String signal) throws IOException, InterruptedException {
        new ProcessBuilder("kill", signal, Long.toString(process.pid())).start().waitFor(5, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            signal0("-CONT");
            in.println("exit");
            try {
                if (!process.waitFor(3, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private void signal0(String signal) {
        try {
            signal(signal);
        } catch (IOException | InterruptedException ignored) {
            // best effort
        }
    }
}
