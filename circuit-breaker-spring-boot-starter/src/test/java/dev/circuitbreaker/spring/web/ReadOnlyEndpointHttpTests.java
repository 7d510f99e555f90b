package dev.circuitbreaker.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.circuitbreaker.CircuitBreakerRegistry;
import dev.circuitbreaker.CircuitState;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/** Exposed but not granted more access, the endpoint reads and refuses writes. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = "management.endpoints.web.exposure.include=circuitbreakers")
class ReadOnlyEndpointHttpTests {

    @Value("${local.server.port}")
    private int port;

    @Autowired
    private CircuitBreakerRegistry registry;

    @Test
    void byDefaultTheEndpointIsReadOnly() {
        LocalHttp http = new LocalHttp(port);
        assertThat(http.get("/actuator/circuitbreakers/payments").statusCode()).isEqualTo(200);
        HttpResponse<String> write = http.postJson("/actuator/circuitbreakers/payments", "{\"action\":\"force-open\"}");
        assertThat(write.statusCode()).isBetween(400, 499);
        assertThat(registry.find("payments").orElseThrow().state()).isEqualTo(CircuitState.CLOSED);
    }

    @Test
    void thePrometheusEndpointIsNotExposedUnlessAsked() {
        assertThat(new LocalHttp(port).get("/actuator/prometheus").statusCode()).isEqualTo(404);
    }
}
