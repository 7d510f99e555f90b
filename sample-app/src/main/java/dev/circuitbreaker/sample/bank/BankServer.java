package dev.circuitbreaker.sample.bank;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.json.JsonParser;
import org.springframework.boot.json.JsonParserFactory;
import org.springframework.boot.json.JsonWriter;

/**
 * The downstream "bank": a separate HTTP server (JDK {@code HttpServer}) on its own port in the same JVM. It
 * answers {@code POST /charges} according to its current {@link BankMode}, which can change at any time. Its JSON
 * goes through Spring Boot's own parser and writer, not an application {@code ObjectMapper}: Boot 3 configures a
 * Jackson 2 one, Boot 4 a Jackson 3 {@code JsonMapper}. Each charge runs on a thread of its own, so a hanging bank
 * holds its callers' connections, not its own accept loop. Thread-safe.
 */
public class BankServer implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(BankServer.class);

    private final HttpServer server;
    private final ExecutorService executor;
    private final JsonParser jsonIn = JsonParserFactory.getJsonParser();
    private final JsonWriter<Map<String, ?>> jsonOut = JsonWriter.standard();
    private final long slowDelayMs;
    private final long maxHangMs;
    private final AtomicReference<BankMode> mode;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicInteger flaps = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    /** Released (and replaced) at every mode switch: what a hanging charge waits for. */
    private final AtomicReference<CountDownLatch> modeSwitched = new AtomicReference<>(new CountDownLatch(1));

    /**
     * Starts the bank on localhost.
     *
     * @param properties its port, delay and initial mode
     * @throws IOException if the port cannot be bound
     */
    public BankServer(BankProperties properties) throws IOException {
        this.slowDelayMs = properties.getSlowDelay().toMillis();
        this.maxHangMs = properties.getMaxHang().toMillis();
        this.mode = new AtomicReference<>(properties.getInitialMode());
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), properties.getPort()), 50);
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "bank-" + UUID.randomUUID().toString().substring(0, 8));
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/charges", this::charge);
        server.start();
        log.info("Fake bank listening on {} in mode {}", baseUrl(), mode.get());
    }

    /** {@return where the bank listens, e.g. {@code http://127.0.0.1:41234}} */
    public String baseUrl() {
        return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort();
    }

    /** {@return how the bank answers charges now} */
    public BankMode mode() {
        return mode.get();
    }

    /**
     * Switches the bank's behaviour for the next charges, and for the charges hanging now.
     *
     * @param newMode how the bank answers from now on
     */
    public void switchTo(BankMode newMode) {
        BankMode old = mode.getAndSet(newMode);
        flaps.set(0);
        modeSwitched.getAndSet(new CountDownLatch(1)).countDown(); // after the mode: a woken charge sees the new one
        log.info("Fake bank switched from {} to {}", old, newMode);
    }

    /** {@return how many charge requests the bank is working on (or hanging on) now} */
    public int inFlight() {
        return inFlight.get();
    }

    /** {@return how many charge requests reached the bank since it started} */
    public long requests() {
        return requests.get();
    }

    private void charge(HttpExchange exchange) throws IOException {
        inFlight.incrementAndGet();
        try (exchange) {
            requests.incrementAndGet();
            if (!"POST".equals(exchange.getRequestMethod())) {
                respond(exchange, 405, Map.of("error", "use POST"));
                return;
            }
            String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, Object> body = jsonIn.parseMap(request);
            String orderId = body.get("orderId") instanceof String id ? id : "";
            long amountCents = body.get("amountCents") instanceof Number amount ? amount.longValue() : 0;
            if (orderId.isEmpty() || amountCents <= 0) {
                respond(exchange, 400, Map.of("error", "orderId and a positive amountCents are required"));
                return;
            }
            BankMode current = hangWhileHanging();
            if (current == BankMode.HANGING) { // nobody switched it back within max-hang
                respond(exchange, 504, Map.of("error", "bank hung for " + maxHangMs + " ms (mode HANGING)"));
                return;
            }
            boolean fail = current == BankMode.FAILING
                    || (current == BankMode.FLAPPING && flaps.getAndIncrement() % 2 == 0);
            if (current == BankMode.SLOW) {
                Thread.sleep(slowDelayMs);
            }
            if (fail) {
                respond(exchange, 503, Map.of("error", "bank unavailable (mode " + current + ")"));
                return;
            }
            respond(exchange, 201, Map.of("transactionId", "txn_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12),
                    "orderId", orderId, "amountCents", amountCents));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            respond(exchange, 400, Map.of("error", "bad request: " + e.getMessage()));
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /**
     * The current mode; while it is HANGING, waits for a switch (at most {@code maxHang} in all) and returns the mode
     * then in force, or HANGING if the wait ran out. The latch is read before the mode, and a switch sets the mode
     * before it releases the latch, so no switch is missed.
     */
    private BankMode hangWhileHanging() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxHangMs);
        for (;;) {
            CountDownLatch switched = modeSwitched.get();
            BankMode current = mode.get();
            if (current != BankMode.HANGING) {
                return current;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0 || !switched.await(left, TimeUnit.NANOSECONDS)) {
                return BankMode.HANGING;
            }
        }
    }

    private void respond(HttpExchange exchange, int status, Map<String, ?> body) throws IOException {
        byte[] bytes = jsonOut.writeToString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void destroy() {
        server.stop(0);
        executor.shutdownNow();
        log.info("Fake bank stopped");
    }
}
