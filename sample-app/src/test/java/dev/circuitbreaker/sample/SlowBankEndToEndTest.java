package dev.circuitbreaker.sample;

import static dev.circuitbreaker.test.CircuitBreakerAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;

/**
 * A slow bank opens the breaker through the slow-call rate. The one sample test on the real clock: the breaker must
 * measure the bank's real 300 ms (test profile) against its 150 ms threshold, so this class runs without the manual
 * ticker (a context of its own).
 */
@SampleAppTest
@TestPropertySource(properties = "sample.test.real-time=true")
class SlowBankEndToEndTest {

    @LocalServerPort
    int port;

    @Autowired
    CircuitBreakerRegistry registry;

    @Test
    void aSlowBankOpensTheBreakerThroughTheSlowCallRate() {
        SampleClient sample = new SampleClient(port);
        sample.healthyBank();
        sample.bankMode("slow");
        for (int i = 1; i <= 4; i++) {
            ResponseEntity<JsonValue> slow = sample.pay("order-s" + i);
            assertThat(slow.getBody().path("status").asText()).as("slow but successful charge %d", i).isEqualTo("CHARGED");
        }
        JsonValue open = sample.breaker("payments");
        assertThat(open.path("state").asText()).as("4 of 4 calls slower than 150 ms").isEqualTo("OPEN");
        assertThat(open.path("slowCalls").asLong()).isEqualTo(4);
        assertThat(open.path("failedCalls").asLong()).isZero();
        assertThat(registry.find("payments").orElseThrow()).isOpen().hasSlowCalls(4).hasSuccessfulCalls(4)
                .hasSlowCallRate(100);
    }
}
