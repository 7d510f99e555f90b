package dev.circuitbreaker.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import dev.circuitbreaker.CircuitBreakerRegistry;
import dev.circuitbreaker.CircuitState;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The starter in a running web application, through real HTTP on a random port. Written against what both Boot
 * lines share: the JDK HTTP client, and metrics export switched on by properties rather than by Boot 3's
 * {@code @AutoConfigureObservability} or Boot 4's {@code @AutoConfigureMetrics} (each line reads its own property).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "management.endpoints.web.exposure.include=circuitbreakers,prometheus,health",
        "management.endpoint.circuitbreakers.access=unrestricted",
        "management.endpoint.health.show-components=always",
        "management.endpoint.health.show-details=always",
        "circuitbreaker.instances.payments.wait-duration-in-open-state=1m",
        "circuitbreaker.instances.payments.register-health-indicator=true",
        "spring.test.observability.auto-configure=true",
        "spring.test.metrics.export=true"})
class CircuitBreakerHttpTests {

    @Value("${local.server.port}")
    private int port;

    private LocalHttp http;

    @Autowired
    private PaymentsTestApplication.PaymentService payments;

    @Autowired
    private PaymentsTestApplication.Gateway gateway;

    @Autowired
    private CircuitBreakerRegistry registry;

    @Autowired
    private MeterRegistry meters;

    @BeforeEach
    void startClosedAndHealthy() {
        http = new LocalHttp(port);
        gateway.failing.set(false);
        gateway.calls.set(0);
        registry.all().forEach(dev.circuitbreaker.CircuitBreaker::reset);
    }

    @Test
    void aBreakerDrivenIntoOpenShowsItsStateAndExactCountersAtTheEndpointWhileTheFallbackAnswers() {
        assertThat(payments.charge("t1")).isEqualTo("charged:t1");
        gateway.failing.set(true);
        assertThat(List.of(payments.charge("t2"), payments.charge("t3"), payments.charge("t4")))
                .containsExactly("queued:t2", "queued:t3", "queued:t4");
        assertThat(payments.charge("t5")).isEqualTo("queued:t5");
        assertThat(gateway.calls).hasValue(4);

        HttpResponse<String> response = http.get("/actuator/circuitbreakers");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"state\":\"OPEN\"").contains("\"totalCalls\":5");
        DocumentContext json = JsonPath.parse(response.body());
        Map<String, Object> stats = json.read("$.circuitBreakers.payments");
        assertThat(stats).containsEntry("state", "OPEN")
                .containsEntry("totalCalls", 5).containsEntry("successfulCalls", 1).containsEntry("failedCalls", 3)
                .containsEntry("ignoredCalls", 0).containsEntry("notPermittedCalls", 1).containsEntry("bufferedCalls", 4)
                .containsEntry("failureRate", -1.0).containsKey("remainingWaitMs");
        assertThat(json.read("$.circuitBreakers.payments.remainingWaitMs", Long.class)).isBetween(1L, 60_000L);
    }

    @Test
    void theDetailsShowTheEffectiveConfigAndAHistoryWithoutTheLeakedPassword() {
        gateway.failing.set(true);
        payments.charge("t1");

        HttpResponse<String> response = http.get("/actuator/circuitbreakers/payments");
        assertThat(response.statusCode()).isEqualTo(200);
        DocumentContext json = JsonPath.parse(response.body());
        assertThat(json.read("$.state", String.class)).isEqualTo("CLOSED");
        assertThat(json.read("$.config.waitDurationInOpenStateMs", Long.class)).isEqualTo(60_000L);
        assertThat(json.read("$.config.failureThreshold", Integer.class)).isEqualTo(3);
        assertThat(json.read("$.history[0].errorMessage", String.class))
                .startsWith("java.lang.IllegalStateException: gateway refused login");
        assertThat(response.body()).doesNotContain(PaymentsTestApplication.SECRET);
    }

    @Test
    void anUnknownBreakerIsNotFound() {
        assertThat(http.get("/actuator/circuitbreakers/nope").statusCode()).isEqualTo(404);
    }

    @Test
    void prometheusExposesTheMetersWithoutUnitSuffixes() {
        gateway.failing.set(true);
        for (int i = 0; i < 4; i++) {
            payments.charge("t" + i);
        }
        HttpResponse<String> response = http.get("/actuator/prometheus");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("circuitbreaker_state{name=\"payments\",state=\"open\"} 1.0",
                "circuitbreaker_state{name=\"payments\",state=\"closed\"} 0.0",
                "circuitbreaker_calls_total{kind=\"failed\",name=\"payments\"} 3.0",
                "circuitbreaker_calls_total{kind=\"not_permitted\",name=\"payments\"} 1.0",
                "circuitbreaker_calls_total{kind=\"successful\",name=\"payments\"} 0.0",
                "circuitbreaker_slow_calls_total{name=\"payments\"} 0.0",
                "circuitbreaker_buffered_calls{name=\"payments\"} 3.0",
                "circuitbreaker_failure_rate{name=\"payments\"} -1.0",
                "circuitbreaker_slow_call_rate{name=\"payments\"} -1.0",
                "circuitbreaker_state_transitions_total{from=\"closed\",name=\"payments\",to=\"open\"}");
    }

    @Test
    void healthShowsTheOpenBreakerAndStaysUp() {
        registry.find("payments").orElseThrow().transitionToOpen();
        HttpResponse<String> response = http.get("/actuator/health");
        assertThat(response.statusCode()).isEqualTo(200);
        DocumentContext json = JsonPath.parse(response.body());
        assertThat(json.read("$.status", String.class)).isEqualTo("UP");
        assertThat(json.read("$.components.circuitBreakers.details.payments.state", String.class)).isEqualTo("OPEN");
    }

    @Test
    void writeOperationsApplyTheManualTransitions() {
        HttpResponse<String> forced = post("payments", "force-open");
        assertThat(forced.statusCode()).isEqualTo(200);
        assertThat(JsonPath.parse(forced.body()).read("$.state", String.class)).isEqualTo("FORCED_OPEN");
        assertThat(payments.charge("t1")).isEqualTo("queued:t1");
        assertThat(gateway.calls).hasValue(0);

        assertThat(post("payments", "close").statusCode()).isEqualTo(200);
        assertThat(registry.find("payments").orElseThrow().state()).isEqualTo(CircuitState.CLOSED);
        assertThat(payments.charge("t2")).isEqualTo("charged:t2");
    }

    @Test
    void anUnknownActionIsABadRequest() {
        assertThat(post("payments", "explode").statusCode()).isEqualTo(400);
        assertThat(registry.find("payments").orElseThrow().state()).isEqualTo(CircuitState.CLOSED);
    }

    @Test
    void aThousandWritesToUnknownNamesLeaveTheRegistryAndTheMetersUnchanged() {
        int breakers = registry.all().size();
        List<Meter.Id> breakerMeters = breakerMeterIds();
        for (int i = 0; i < 1000; i++) {
            assertThat(post("unknown-" + i, "force-open").statusCode()).isEqualTo(404);
        }
        assertThat(registry.all()).hasSize(breakers);
        assertThat(registry.find("unknown-0")).isEmpty();
        assertThat(breakerMeterIds()).isNotEmpty().containsExactlyInAnyOrderElementsOf(breakerMeters);
        assertThat(meters.getMeters()).noneMatch(m -> String.valueOf(m.getId().getTag("name")).startsWith("unknown-"));
    }

    /** The starter's meters (JVM and HTTP meters come and go with garbage collections and requests). */
    private List<Meter.Id> breakerMeterIds() {
        return meters.getMeters().stream().map(Meter::getId).filter(id -> id.getName().startsWith("circuitbreaker.")).toList();
    }

    private HttpResponse<String> post(String name, String action) {
        return http.postJson("/actuator/circuitbreakers/" + name, "{\"action\":\"" + action + "\"}");
    }
}
