package dev.circuitbreaker.spring.cloud;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP downstream on a free loopback port (the JDK's server): answers every path with 200 and
 * {@code "ok <path>"}, or with 503 while {@link #failing(boolean)} is on, and counts the requests that reached it.
 * Thread-safe.
 */
public final class Downstream implements AutoCloseable {

    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private volatile boolean failing;

    private Downstream(HttpServer server) {
        this.server = server;
    }

    /** Starts a downstream on a free port. */
    public static Downstream start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            Downstream downstream = new Downstream(server);
            server.createContext("/", exchange -> {
                downstream.requests.incrementAndGet();
                boolean fail = downstream.failing;
                byte[] body = (fail ? "down " : "ok ") .concat(exchange.getRequestURI().getPath())
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "text/plain");
                exchange.sendResponseHeaders(fail ? 503 : 200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            return downstream;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String url() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort();
    }

    /** Switches between answering 503 ({@code true}) and 200. */
    public void failing(boolean failing) {
        this.failing = failing;
    }

    /** Requests that reached this server so far. */
    public int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
