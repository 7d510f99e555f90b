package dev.circuitbreaker.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import dev.circuitbreaker.CircuitBreaker;
import dev.circuitbreaker.CircuitBreakerRegistry;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/** The {@code circuitbreakerevents} endpoint through real HTTP. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "management.endpoints.web.exposure.include=circuitbreakers,circuitbreakerevents",
        "circuitbreaker.instances.payments.wait-duration-in-open-state=1m"})
class CircuitBreakerEventsHttpTests {

    @Value("${local.server.port}")
    private int port;

    @Autowired
    private PaymentsTestApplication.PaymentService payments;

    @Autowired
    private PaymentsTestApplication.Gateway gateway;

    @Autowired
    private CircuitBreakerRegistry registry;

    private LocalHttp http;

    @BeforeEach
    void startClosedAndHealthy() {
        http = new LocalHttp(port);
        gateway.failing.set(false);
        registry.remove("payments");
    }

    @Test
    void aBreakerDrivenOpenShowsItsErrorsTransitionAndRejectionWithTheSecretMasked() {
        payments.charge("t1");
        gateway.failing.set(true);
        for (int i = 2; i <= 5; i++) {
            payments.charge("t" + i);
        }
        HttpResponse<String> response = http.get("/actuator/circuitbreakerevents/payments");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).doesNotContain(PaymentsTestApplication.SECRET);
        DocumentContext json = JsonPath.parse(response.body());
        assertThat(json.read("$.name", String.class)).isEqualTo("payments");
        List<Map<String, Object>> events = json.read("$.events");
        assertThat(events).extracting(e -> e.get("type"))
                .containsExactlyInAnyOrder("ERROR", "ERROR", "ERROR", "STATE_TRANSITION", "NOT_PERMITTED");
        assertThat(events).filteredOn(e -> "ERROR".equals(e.get("type"))).allSatisfy(e -> assertThat(e)
                .containsOnlyKeys("type", "timestamp", "errorMessage", "durationMs")
                .containsEntry("errorMessage", "java.lang.IllegalStateException: gateway refused login user=shop password=******"));
        assertThat(events).filteredOn(e -> "STATE_TRANSITION".equals(e.get("type"))).singleElement()
                .satisfies(e -> assertThat(e).containsOnlyKeys("type", "timestamp", "from", "to")
                        .containsEntry("from", "CLOSED").containsEntry("to", "OPEN"));
        assertThat(events.get(4)).containsOnlyKeys("type", "timestamp").containsEntry("type", "NOT_PERMITTED");
        assertThat(events).allSatisfy(e -> assertThat(Instant.parse((String) e.get("timestamp")))
                .isBetween(Instant.now().minusSeconds(60), Instant.now()));
    }

    @Test
    void everyBreakerIsListedAndEachKeepsItsLastHundredEvents() {
        payments.charge("t1");
        CircuitBreaker flapping = registry.circuitBreaker("flapping");
        for (int i = 0; i < 150; i++) {
            flapping.transitionToOpen();
            flapping.transitionToClosed();
        }
        DocumentContext json = JsonPath.parse(http.get("/actuator/circuitbreakerevents").body());
        Map<String, List<Object>> all = json.read("$.circuitBreakerEvents");
        assertThat(all).containsKeys("payments", "flapping");
        List<Map<String, Object>> events = json.read("$.circuitBreakerEvents.flapping");
        assertThat(events).hasSize(100);
        assertThat(events.get(0)).containsEntry("from", "CLOSED").containsEntry("to", "OPEN");
        assertThat(events.get(99)).containsEntry("from", "OPEN").containsEntry("to", "CLOSED");
        registry.remove("flapping");
    }

    @Test
    void breakersCreatedAtRunTimeHaveEventsAndRemovedOnesAreNotFound() {
        assertThat(http.get("/actuator/circuitbreakerevents/later").statusCode()).isEqualTo(404);
        assertThat(registry.find("later")).as("a request creates no breaker").isEmpty();

        registry.circuitBreaker("later").forceOpen();
        HttpResponse<String> created = http.get("/actuator/circuitbreakerevents/later");
        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(JsonPath.parse(created.body()).read("$.events[0].to", String.class)).isEqualTo("FORCED_OPEN");

        registry.remove("later");
        assertThat(http.get("/actuator/circuitbreakerevents/later").statusCode()).isEqualTo(404);
        assertThat(http.get("/actuator/circuitbreakerevents").body()).doesNotContain("\"later\"");
        registry.circuitBreaker("later");
        assertThat(JsonPath.parse(http.get("/actuator/circuitbreakerevents/later").body()).read("$.events", List.class))
                .as("a new breaker of the same name starts with no events").isEmpty();
        registry.remove("later");
    }

    @Test
    void theEndpointIsReadOnly() {
        assertThat(http.postJson("/actuator/circuitbreakerevents/payments", "{}").statusCode()).isBetween(400, 499);
    }
}
