package dev.circuitbreaker.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.circuitbreaker.CircuitBreakerRegistry;
import dev.circuitbreaker.CircuitState;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** Exposed but not granted more access, the endpoint reads and refuses writes. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = "management.endpoints.web.exposure.include=circuitbreakers")
class ReadOnlyEndpointHttpTests {

    @Autowired
    private TestRestTemplate http;

    @Autowired
    private CircuitBreakerRegistry registry;

    @Test
    void byDefaultTheEndpointIsReadOnly() {
        assertThat(http.getForEntity("/actuator/circuitbreakers/payments", String.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        ResponseEntity<String> write = http.postForEntity("/actuator/circuitbreakers/payments",
                Map.of("action", "force-open"), String.class);
        assertThat(write.getStatusCode().is2xxSuccessful()).isFalse();
        assertThat(registry.find("payments").orElseThrow().state()).isEqualTo(CircuitState.CLOSED);
    }

    @Test
    void thePrometheusEndpointIsNotExposedUnlessAsked() {
        assertThat(http.getForEntity("/actuator/prometheus", String.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }
}
