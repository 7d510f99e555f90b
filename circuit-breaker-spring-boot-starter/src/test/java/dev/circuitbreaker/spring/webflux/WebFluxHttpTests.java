package dev.circuitbreaker.spring.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import dev.circuitbreaker.CircuitBreakerRegistry;
import dev.circuitbreaker.CircuitState;
import dev.circuitbreaker.spring.web.LocalHttp;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.ApplicationContext;
import org.springframework.web.reactive.DispatcherHandler;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * The starter in a WebFlux application (Netty, no servlet), through real HTTP on a random port: reactive
 * {@code @CircuitBreaker} methods behind a {@code @RestController} are guarded per request, and the endpoint (read
 * and write), the meters and health work as in Spring MVC.
 */
@SpringBootTest(classes = ReactivePaymentsApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "spring.main.web-application-type=reactive",
        "management.endpoints.web.exposure.include=circuitbreakers,prometheus,health",
        "management.endpoint.circuitbreakers.access=unrestricted",
        "management.endpoint.health.show-components=always",
        "management.endpoint.health.show-details=always",
        "circuitbreaker.instances.payments.wait-duration-in-open-state=1m",
        "circuitbreaker.instances.payments.register-health-indicator=true",
        "spring.test.observability.auto-configure=true",
        "spring.test.metrics.export=true"})
class WebFluxHttpTests {

    @Value("${local.server.port}")
    private int port;

    private LocalHttp http;

    @Autowired
    private ApplicationContext context;

    @Autowired
    private ReactivePaymentsApplication.Downstream downstream;

    @Autowired
    private CircuitBreakerRegistry registry;

    @BeforeEach
    void startClosedAndHealthy() {
        http = new LocalHttp(port);
        downstream.failing.set(false);
        downstream.calls.set(0);
        registry.all().forEach(dev.circuitbreaker.CircuitBreaker::reset);
    }

    @Test
    void theApplicationIsAWebFluxOneWithoutServlet() {
        assertThat(context.getBeanNamesForType(DispatcherHandler.class)).isNotEmpty();
        assertThat(context.getBeanNamesForType(DispatcherServlet.class)).isEmpty();
    }

    @Test
    void requestsOpenTheBreakerThenFallBackWithoutReachingTheDownstreamAndTheEndpointCountsThem() {
        assertThat(http.get("/payments/t1").body()).isEqualTo("charged:t1");
        downstream.failing.set(true);
        for (int i = 2; i <= 4; i++) {
            assertThat(http.get("/payments/t" + i).body()).isEqualTo("queued:t" + i + ":IOException");
        }
        assertThat(http.get("/payments/t5").body()).isEqualTo("queued:t5:CircuitBreakerOpenException");
        assertThat(downstream.calls).hasValue(4);

        HttpResponse<String> response = http.get("/actuator/circuitbreakers");
        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Object> stats = JsonPath.parse(response.body()).read("$.circuitBreakers.payments");
        assertThat(stats).containsEntry("state", "OPEN").containsEntry("totalCalls", 5).containsEntry("successfulCalls", 1)
                .containsEntry("failedCalls", 3).containsEntry("notPermittedCalls", 1);

        DocumentContext details = JsonPath.parse(http.get("/actuator/circuitbreakers/payments").body());
        assertThat(details.read("$.history.length()", Integer.class)).isEqualTo(4);
        assertThat(details.read("$.history[3].errorMessage", String.class)).startsWith("java.io.IOException: bank unavailable");
    }

    @Test
    void aStreamedResponseThatFailsMidwayIsOneFailedCall() {
        assertThat(http.get("/statement").body()).isEqualTo("line-1\nline-2\n");
        downstream.failing.set(true);
        try {
            http.get("/statement");                  // the response breaks off after line-1
        } catch (UncheckedIOException cutOff) {
            // WebFlux aborts a response whose body fails after it started: Boot 4's Netty ends the chunked stream
            // abruptly, which the client reports as an I/O error; what counts here is the breaker.
        }
        dev.circuitbreaker.CircuitBreaker statements = registry.find("statements").orElseThrow();
        assertThat(statements.stats().successfulCalls()).isEqualTo(1);
        assertThat(statements.stats().failedCalls()).isEqualTo(1);
    }

    @Test
    void writeOperationsWorkOnWebFlux() {
        HttpResponse<String> forced = http.postJson("/actuator/circuitbreakers/payments", "{\"action\":\"force-open\"}");
        assertThat(forced.statusCode()).isEqualTo(200);
        assertThat(http.get("/payments/t1").body()).isEqualTo("queued:t1:CircuitBreakerOpenException");
        assertThat(downstream.calls).hasValue(0);
        assertThat(http.postJson("/actuator/circuitbreakers/payments", "{\"action\":\"close\"}").statusCode()).isEqualTo(200);
        assertThat(registry.find("payments").orElseThrow().state()).isEqualTo(CircuitState.CLOSED);
        assertThat(http.postJson("/actuator/circuitbreakers/payments", "{\"action\":\"explode\"}").statusCode()).isEqualTo(400);
        assertThat(http.get("/actuator/circuitbreakers/nope").statusCode()).isEqualTo(404);
    }

    @Test
    void prometheusExposesTheMetersOfReactiveCalls() {
        downstream.failing.set(true);
        for (int i = 0; i < 4; i++) {
            http.get("/payments/t" + i);
        }
        HttpResponse<String> response = http.get("/actuator/prometheus");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("circuitbreaker_state{name=\"payments\",state=\"open\"} 1.0",
                "circuitbreaker_calls_total{kind=\"failed\",name=\"payments\"} 3.0",
                "circuitbreaker_calls_total{kind=\"not_permitted\",name=\"payments\"} 1.0",
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
}
