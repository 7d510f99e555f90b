package dev.circuitbreaker.spring.vthreads;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.circuitbreaker.spring.CircuitBreaker;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The application of the virtual-thread flood: an annotated client of a downstream that answers over real HTTP (its
 * own JDK server, one virtual thread per exchange, 5 ms of blocking per charge, every fifth charge a 503), and an
 * endpoint that calls the client from Tomcat's request threads (virtual with {@code spring.threads.virtual.enabled}).
 */
@SpringBootApplication(proxyBeanMethods = false)
public class FloodTestApplication {

    @Bean(destroyMethod = "close")
    Downstream downstream() throws IOException {
        return new Downstream();
    }

    @Bean
    Counts counts() {
        return new Counts();
    }

    @Bean
    FloodClient floodClient(Downstream downstream, Counts counts) {
        return new FloodClient(downstream.baseUrl(), counts);
    }

    /** Whether charge {@code i} fails at the downstream. */
    static boolean fails(int i) {
        return i % 5 == 0;
    }

    /** The downstream bank, counting what it answered. */
    static final class Downstream {

        final AtomicLong successes = new AtomicLong();
        final AtomicLong failures = new AtomicLong();
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger maxInFlight = new AtomicInteger();
        private final HttpServer server;
        private final ExecutorService executor = VirtualThreads.perTaskExecutor();

        Downstream() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4096);
            server.setExecutor(executor);
            server.createContext("/charge/", this::charge);
            server.start();
        }

        String baseUrl() {
            return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort();
        }

        void resetCounts() {
            successes.set(0);
            failures.set(0);
            maxInFlight.set(0);
        }

        private void charge(HttpExchange exchange) throws IOException {
            try (exchange) {
                maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                int i = Integer.parseInt(exchange.getRequestURI().getPath().substring("/charge/".length()));
                Thread.sleep(5);
                boolean fail = fails(i);
                (fail ? failures : successes).incrementAndGet();
                byte[] body = (fail ? "unavailable" : "ok:" + i).getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(fail ? 503 : 200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.decrementAndGet();
            }
        }

        void close() {
            server.stop(0);
            executor.shutdownNow();
        }
    }

    /** The downstream refused a charge. */
    static final class DownstreamUnavailable extends IOException {

        private static final long serialVersionUID = 1L;

        DownstreamUnavailable(int status) {
            super("downstream answered " + status);
        }
    }

    /** What the client and the controller saw (a bean of its own: the client's fields are behind its proxy). */
    static final class Counts {

        final AtomicLong fallbacks = new AtomicLong();
        final AtomicLong callsOnPlatformThreads = new AtomicLong();
        final AtomicLong requestsOnPlatformThreads = new AtomicLong();
    }

    /** The guarded client: a blocking HTTP call per charge. */
    static class FloodClient {

        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        private final String baseUrl;
        private final Counts counts;

        FloodClient(String baseUrl, Counts counts) {
            this.baseUrl = baseUrl;
            this.counts = counts;
        }

        @CircuitBreaker(name = "flood", fallback = "chargeFallback")
        public String charge(int i) throws IOException, InterruptedException {
            if (!VirtualThreads.isVirtual(Thread.currentThread())) {
                counts.callsOnPlatformThreads.incrementAndGet();
            }
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/charge/" + i))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new DownstreamUnavailable(response.statusCode());
            }
            return "charged:" + i;
        }

        String chargeFallback(int i, Throwable cause) {
            counts.fallbacks.incrementAndGet();
            return "deferred:" + i;
        }
    }

    /** {@code GET /flood/{i}}: one charge from a request thread (found by component scanning). */
    @RestController
    static class FloodController {

        private final FloodClient client;
        private final Counts counts;

        FloodController(FloodClient client, Counts counts) {
            this.client = client;
            this.counts = counts;
        }

        @GetMapping("/flood/{i}")
        String flood(@PathVariable("i") int i) throws IOException, InterruptedException {
            if (!VirtualThreads.isVirtual(Thread.currentThread())) {
                counts.requestsOnPlatformThreads.incrementAndGet();
            }
            return client.charge(i);
        }
    }
}
