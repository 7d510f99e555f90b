package dev.circuitbreaker.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import dev.circuitbreaker.CircuitBreaker;
import dev.circuitbreaker.CircuitBreakerRegistry;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;
import org.springframework.context.ApplicationContext;
import org.springframework.web.reactive.DispatcherHandler;

/**
 * Everything the starter serves over HTTP, in a WebFlux application (Reactor Netty, no servlet): the dashboard
 * page and its files, the circuitbreakers endpoint (reads and writes), the events endpoint, the meters and health.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "spring.main.web-application-type=reactive",
        "circuitbreaker.dashboard.enabled=true",
        "circuitbreaker.instances.payments.wait-duration-in-open-state=1m",
        "circuitbreaker.instances.payments.register-health-indicator=true",
        "management.endpoints.web.exposure.include=circuitbreakers,circuitbreakerevents,prometheus,health",
        "management.endpoint.circuitbreakers.access=unrestricted",
        "management.endpoint.health.show-components=always",
        "management.endpoint.health.show-details=always",
        "spring.test.observability.auto-configure=true",
        "spring.test.metrics.export=true"})
@Import(NettyServer.class)
class WebFluxApplicationHttpTests {

    @Value("${local.server.port}")
    private int port;

    @Autowired
    private ApplicationContext context;

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
        registry.all().forEach(CircuitBreaker::reset);
    }

    @Test
    void itIsAWebFluxApplication() {
        assertThat(context.getBeanNamesForType(DispatcherHandler.class)).isNotEmpty();
        assertThat(context.containsBean("dispatcherServlet")).isFalse();
        assertThat(NettyServer.webServerOf(context)).isEqualTo("NettyWebServer");
    }

    @Test
    void theDashboardPageAndItsFilesAreServed() {
        HttpResponse<String> redirect = http.get("/circuitbreakers");
        assertThat(redirect.statusCode()).isEqualTo(302);
        assertThat(redirect.headers().firstValue("Location")).hasValue("circuitbreakers/");
        HttpResponse<String> page = http.get("/circuitbreakers/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body()).contains("<meta name=\"cb-endpoint-path\" content=\"/actuator/circuitbreakers\">")
                .doesNotContain("{{");
        for (String file : new String[] {"format.js", "card.js", "list.js", "feed.js", "dashboard.js"}) {
            HttpResponse<String> script = http.get("/circuitbreakers/" + file);
            assertThat(script.statusCode()).as(file).isEqualTo(200);
            assertThat(script.headers().firstValue("Content-Type").orElse("")).startsWith("text/javascript");
        }
        assertThat(http.get("/circuitbreakers/dashboard.css").statusCode()).isEqualTo(200);
        assertThat(http.get("/circuitbreakers/other.js").statusCode()).isEqualTo(404);
    }

    @Test
    void theEndpointReadsAndWrites() {
        gateway.failing.set(true);
        for (int i = 0; i < 4; i++) {
            payments.charge("t" + i);
        }
        DocumentContext list = JsonPath.parse(http.get("/actuator/circuitbreakers").body());
        assertThat(list.read("$.circuitBreakers.payments.state", String.class)).isEqualTo("OPEN");
        assertThat(list.read("$.circuitBreakers.payments.failedCalls", Integer.class)).isEqualTo(3);
        DocumentContext details = JsonPath.parse(http.get("/actuator/circuitbreakers/payments").body());
        assertThat(details.read("$.config.waitDurationInOpenStateMs", Long.class)).isEqualTo(60_000L);
        assertThat(http.get("/actuator/circuitbreakers/payments").body()).doesNotContain(PaymentsTestApplication.SECRET);
        assertThat(http.get("/actuator/circuitbreakers/nope").statusCode()).isEqualTo(404);

        HttpResponse<String> closed = http.postJson("/actuator/circuitbreakers/payments", "{\"action\":\"close\"}");
        assertThat(closed.statusCode()).isEqualTo(200);
        assertThat(registry.find("payments").orElseThrow().state().name()).isEqualTo("CLOSED");
        assertThat(http.postJson("/actuator/circuitbreakers/payments", "{\"action\":\"explode\"}").statusCode()).isEqualTo(400);
    }

    @Test
    void theEventsEndpointWorks() {
        registry.find("payments").orElseThrow().transitionToOpen();
        DocumentContext json = JsonPath.parse(http.get("/actuator/circuitbreakerevents/payments").body());
        assertThat(json.read("$.events[-1].to", String.class)).isEqualTo("OPEN");
        assertThat(http.get("/actuator/circuitbreakerevents/nope").statusCode()).isEqualTo(404);
    }

    @Test
    void prometheusShowsTheMeters() {
        registry.find("payments").orElseThrow().transitionToOpen();
        HttpResponse<String> response = http.get("/actuator/prometheus");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("circuitbreaker_state{name=\"payments\",state=\"open\"} 1.0",
                "circuitbreaker_calls_total{kind=\"failed\",name=\"payments\"}",
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
