package dev.circuitbreaker.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A sustained flood of {@code POST /payments}: a number of lanes, each keeping one request in flight and sending the
 * next as soon as the last is answered, until {@link #stop()}. Counts the answers by kind. Thread-safe.
 */
final class Flood {

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI payments;
    private final List<CompletableFuture<Void>> lanes = new ArrayList<>();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicInteger answers = new AtomicInteger();
    private final AtomicInteger bankBusy = new AtomicInteger();
    private volatile boolean running = true;

    private Flood(int port) {
        this.payments = URI.create("http://localhost:" + port + "/payments");
    }

    /** Starts {@code lanes} lanes against the sample on {@code port}. */
    static Flood start(int port, int lanes) {
        Flood flood = new Flood(port);
        for (int i = 0; i < lanes; i++) {
            CompletableFuture<Void> lane = new CompletableFuture<>();
            flood.lanes.add(lane);
            flood.send(lane);
        }
        return flood;
    }

    /** Answers received so far, of any kind. */
    int answers() {
        return answers.get();
    }

    /** Answers from the bulkhead's fallback: 202 "bank busy", the bank was not called. */
    int bankBusy() {
        return bankBusy.get();
    }

    /** Sends no more requests; the ones in flight are still answered. */
    void stop() {
        running = false;
    }

    /** Waits until every lane's last request is answered (or failed), after {@link #stop()}. */
    void awaitDrained(Duration timeout) throws Exception {
        CompletableFuture.allOf(lanes.toArray(CompletableFuture[]::new)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void send(CompletableFuture<Void> lane) {
        if (!running) {
            lane.complete(null);
            return;
        }
        String body = "{\"orderId\":\"flood-" + sequence.incrementAndGet() + "\",\"amountCents\":1250}";
        HttpRequest request = HttpRequest.newBuilder(payments).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
            answers.incrementAndGet();
            if (response != null && response.statusCode() == 202 && response.body().contains("bank busy")) {
                bankBusy.incrementAndGet();
            }
            send(lane);
        });
    }
}
