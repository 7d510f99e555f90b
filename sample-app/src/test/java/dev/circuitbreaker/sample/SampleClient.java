package dev.circuitbreaker.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The sample's HTTP API as the tests use it: every call goes over real HTTP to the running application. */
public final class SampleClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestRestTemplate http;

    public SampleClient(TestRestTemplate http) {
        this.http = http;
    }

    /** A healthy bank and a reset {@code payments} breaker, whatever the previous test left. */
    public void resetAll() {
        bankMode("healthy");
        assertThat(breakerAction("payments", "reset").getStatusCode().value()).isEqualTo(200);
    }

    public void bankMode(String mode) {
        ResponseEntity<String> r = http.postForEntity("/bank/mode", json(Map.of("mode", mode)), String.class);
        assertThat(r.getStatusCode().value()).as("POST /bank/mode %s: %s", mode, r.getBody()).isEqualTo(200);
    }

    public long bankRequests() {
        return read(http.getForObject("/bank/mode", String.class)).path("requests").asLong();
    }

    public ResponseEntity<JsonNode> pay(String orderId) {
        ResponseEntity<String> r = http.postForEntity("/payments", json(Map.of("orderId", orderId, "amountCents", 1250)),
                String.class);
        return ResponseEntity.status(r.getStatusCode()).body(read(r.getBody()));
    }

    /** {@code GET /actuator/circuitbreakers}, the entry of {@code name}. */
    public JsonNode breaker(String name) {
        ResponseEntity<String> r = http.getForEntity("/actuator/circuitbreakers", String.class);
        assertThat(r.getStatusCode().value()).isEqualTo(200);
        return read(r.getBody()).path("circuitBreakers").path(name);
    }

    public ResponseEntity<String> breakerAction(String name, String action) {
        return http.postForEntity("/actuator/circuitbreakers/" + name, json(Map.of("action", action)), String.class);
    }

    /** Polls the endpoint until {@code condition} holds for the breaker's entry, or fails after {@code timeout}. */
    public JsonNode awaitBreaker(String name, Duration timeout, String description, Predicate<JsonNode> condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode last = breaker(name);
        while (!condition.test(last)) {
            assertThat(System.nanoTime() - deadline).as("waiting %s for %s; last seen %s", timeout, description, last)
                    .isNegative();
            Thread.sleep(25);
            last = breaker(name);
        }
        return last;
    }

    private static HttpEntity<Map<String, Object>> json(Map<String, Object> body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new HttpEntity<>(body, headers);
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body == null ? "null" : body);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }
}
