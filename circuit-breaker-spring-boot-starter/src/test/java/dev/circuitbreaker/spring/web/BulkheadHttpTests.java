package dev.circuitbreaker.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import dev.circuitbreaker.CallPermit;
import dev.circuitbreaker.CircuitBreaker;
import dev.circuitbreaker.CircuitBreakerRegistry;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * A bulkhead configured in the application's properties, seen through real HTTP: the annotated method's fallback
 * answers while the bulkhead is full, and the endpoint and Prometheus show it. The place is held by a
 * {@link CallPermit} of the same breaker, so no thread has to wait inside the method.
 */
@SpringBootTest(classes = PaymentsTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "management.endpoints.web.exposure.include=circuitbreakers,prometheus",
        "circuitbreaker.instances.payments.max-concurrent-calls=1",
        "circuitbreaker.instances.payments.call-timeout=2s",
        "circuitbreaker.instances.inventory.failure-threshold=2",
        "spring.test.observability.auto-configure=true",
        "spring.test.metrics.export=true"})
class BulkheadHttpTests {

    @Value("${local.server.port}")
    private int port;

    @Autowired
    private PaymentsTestApplication.PaymentService payments;

    @Autowired
    private PaymentsTestApplication.Gateway gateway;

    @Autowired
    private CircuitBreakerRegistry registry;

    private LocalHttp http;
    private CallPermit held;

    @BeforeEach
    void fillTheBulkhead() {
        http = new LocalHttp(port);
        registry.all().forEach(CircuitBreaker::reset);
        gateway.calls.set(0);
        held = registry.find("payments").orElseThrow().acquirePermit();
    }

    @AfterEach
    void freeThePlace() {
        held.onCancel();
    }

    @Test
    void theFallbackAnswersWhileTheBulkheadIsFullAndTheEndpointShowsTheNewFields() {
        assertThat(payments.charge("t1")).isEqualTo("queued:t1");
        assertThat(payments.charge("t2")).isEqualTo("queued:t2");
        assertThat(gateway.calls).as("the gateway was never called").hasValue(0);

        HttpResponse<String> list = http.get("/actuator/circuitbreakers");
        assertThat(list.statusCode()).isEqualTo(200);
        Map<String, Object> stats = JsonPath.parse(list.body()).read("$.circuitBreakers.payments");
        assertThat(stats).containsEntry("state", "CLOSED").containsEntry("bulkheadFullCalls", 2)
                .containsEntry("concurrentCalls", 1).containsEntry("failedCalls", 0).containsEntry("notPermittedCalls", 0);
        Map<String, Object> inventory = JsonPath.parse(list.body()).read("$.circuitBreakers.inventory");
        assertThat(inventory).containsEntry("bulkheadFullCalls", 0).containsEntry("concurrentCalls", 0);

        DocumentContext details = JsonPath.parse(http.get("/actuator/circuitbreakers/payments").body());
        assertThat(details.read("$.bulkheadFullCalls", Integer.class)).isEqualTo(2);
        assertThat(details.read("$.config.maxConcurrentCalls", Integer.class)).isEqualTo(1);
        assertThat(details.read("$.config.callTimeoutMs", Long.class)).isEqualTo(2000L);
        assertThat(JsonPath.parse(http.get("/actuator/circuitbreakers/inventory").body())
                .read("$.config", Map.class)).containsEntry("callTimeoutMs", null).containsEntry("maxConcurrentCalls", 0);
    }

    @Test
    void prometheusCountsBulkheadFullCallsAndShowsConcurrentCallsOnlyForTheBreakerWithALimit() {
        payments.charge("t1");
        String body = http.get("/actuator/prometheus").body();
        assertThat(body).contains("circuitbreaker_calls_total{kind=\"bulkhead_full\",name=\"payments\"} 1.0",
                "circuitbreaker_calls_total{kind=\"failed\",name=\"payments\"} 0.0",
                "circuitbreaker_concurrent_calls{name=\"payments\"} 1.0",
                "circuitbreaker_calls_total{kind=\"bulkhead_full\",name=\"inventory\"} 0.0");
        assertThat(body).doesNotContain("circuitbreaker_concurrent_calls{name=\"inventory\"}");

        held.onSuccess();
        assertThat(http.get("/actuator/prometheus").body()).contains("circuitbreaker_concurrent_calls{name=\"payments\"} 0.0");
    }
}
