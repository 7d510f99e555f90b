package dev.circuitbreaker.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.json.JsonWriter;
import org.springframework.http.ResponseEntity;

/**
 * The sample's HTTP API as the tests use it: every call goes over real HTTP to the running application, through the
 * JDK client (the same on every Boot line; Boot 4 moved {@code TestRestTemplate}). Error statuses come back as they
 * are.
 */
public final class SampleClient {

    private static final JsonWriter<Map<String, Object>> JSON = JsonWriter.standard();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    /** @param port the sample's port ({@code @LocalServerPort}) */
    public SampleClient(int port) {
        this.base = "http://localhost:" + port;
    }

    /** A healthy bank, whatever the previous test left (the breakers are reset by {@code @ResetCircuitBreakers}). */
    public void healthyBank() {
        bankMode("healthy");
    }

    public void bankMode(String mode) {
        ResponseEntity<String> r = post("/bank/mode", Map.of("mode", mode));
        assertThat(r.getStatusCode().value()).as("POST /bank/mode %s: %s", mode, r.getBody()).isEqualTo(200);
    }

    public long bankRequests() {
        return JsonValue.parse(get("/bank/mode").getBody()).path("requests").asLong();
    }

    public ResponseEntity<JsonValue> pay(String orderId) {
        ResponseEntity<String> r = post("/payments", Map.of("orderId", orderId, "amountCents", 1250));
        return ResponseEntity.status(r.getStatusCode()).body(JsonValue.parse(r.getBody()));
    }

    /** {@code GET /actuator/circuitbreakers}, the entry of {@code name}. */
    public JsonValue breaker(String name) {
        ResponseEntity<String> r = get("/actuator/circuitbreakers");
        assertThat(r.getStatusCode().value()).isEqualTo(200);
        return JsonValue.parse(r.getBody()).path("circuitBreakers").path(name);
    }

    public ResponseEntity<String> breakerAction(String name, String action) {
        return post("/actuator/circuitbreakers/" + name, Map.of("action", action));
    }

    public ResponseEntity<String> get(String path) {
        return send(request(path).GET());
    }

    /** POSTs {@code body} as JSON. */
    public ResponseEntity<String> post(String path, Map<String, Object> body) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeToString(body))));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    }

    private ResponseEntity<String> send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return ResponseEntity.status(response.statusCode()).body(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
