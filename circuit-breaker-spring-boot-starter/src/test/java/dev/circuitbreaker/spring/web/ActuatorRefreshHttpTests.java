package dev.circuitbreaker.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.circuitbreaker.CircuitBreaker;
import dev.circuitbreaker.CircuitBreakerRegistry;
import dev.circuitbreaker.CircuitState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * Run-time reconfiguration end to end, as an operator does it: a config file the application imports changes, and
 * {@code POST /actuator/refresh} (Spring Cloud's endpoint) applies the new {@code circuitbreaker.*} values to the
 * live breaker behind an annotated method, over real HTTP.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
        // On the command line: Spring Cloud's refresh re-reads config data from the standard property sources only.
        args = "--spring.config.import=optional:file:./target/refresh-test/circuitbreaker.properties",
        properties = "management.endpoints.web.exposure.include=refresh,circuitbreakers")
class ActuatorRefreshHttpTests {

    static final Path FILE = Path.of("target", "refresh-test", "circuitbreaker.properties");

    static {
        write("circuitbreaker.instances.payments.failure-threshold=3\n"
                + "circuitbreaker.instances.payments.wait-duration-in-open-state=1m\n");
    }

    @Value("${local.server.port}")
    private int port;

    @Autowired
    private PaymentsTestApplication.PaymentService payments;

    @Autowired
    private PaymentsTestApplication.Gateway gateway;

    @Autowired
    private CircuitBreakerRegistry registry;

    @Test
    void aChangedFileAndPostActuatorRefreshReconfigureTheLiveBreakerWithoutLosingItsState() {
        LocalHttp http = new LocalHttp(port);
        CircuitBreaker breaker = registry.find("payments").orElseThrow();
        gateway.failing.set(true);
        for (int i = 0; i < 3; i++) {
            payments.charge("t" + i);
        }
        assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);

        write("circuitbreaker.instances.payments.failure-threshold=6\n"
                + "circuitbreaker.instances.payments.wait-duration-in-open-state=2m\n");
        var refreshed = http.postJson("/actuator/refresh", "");

        assertThat(refreshed.statusCode()).isEqualTo(200);
        assertThat(refreshed.body()).contains("circuitbreaker.instances.payments.failure-threshold");
        assertThat(registry.find("payments")).containsSame(breaker);
        assertThat(breaker.config().failureThreshold()).isEqualTo(6);
        assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
        assertThat(breaker.stats().failedCalls()).isEqualTo(3);
        assertThat(http.get("/actuator/circuitbreakers/payments").body())
                .contains("\"failureThreshold\":6").contains("\"waitDurationInOpenStateMs\":120000");

        write("circuitbreaker.instances.payments.failure-threshold=abc\n");
        assertThat(http.postJson("/actuator/refresh", "").statusCode()).as("a bad value never fails the refresh")
                .isEqualTo(200);
        assertThat(breaker.config().failureThreshold()).isEqualTo(6);
    }

    static void write(String content) {
        try {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
