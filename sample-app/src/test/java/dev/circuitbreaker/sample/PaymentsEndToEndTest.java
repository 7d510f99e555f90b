package dev.circuitbreaker.sample;

import static dev.circuitbreaker.test.CircuitBreakerAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.circuitbreaker.CircuitBreaker;
import dev.circuitbreaker.CircuitBreakerRegistry;
import dev.circuitbreaker.test.ManualTicker;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;

/**
 * The sample end to end over HTTP: payments through the breaker to the fake bank on its own port, the bank switched
 * through {@code POST /bank/mode}, the breaker read through {@code /actuator/circuitbreakers} and, in process,
 * through {@code CircuitBreakerAssert}. The test profile makes the open wait 600 ms; the test ends it by advancing
 * the breakers' {@link ManualTicker} instead of waiting. (The slow bank, which needs real call durations, is
 * {@link SlowBankEndToEndTest}.)
 */
@SampleAppTest
class PaymentsEndToEndTest {

    @LocalServerPort
    int port;

    @Autowired
    ManualTicker ticker;

    @Autowired
    CircuitBreakerRegistry registry;

    SampleClient sample;
    CircuitBreaker payments;

    @BeforeEach
    void healthyBank() {
        sample = new SampleClient(port);
        sample.healthyBank();
        payments = registry.find("payments").orElseThrow();
    }

    @Test
    void aFailingBankOpensTheBreakerTheFallbackAnswersWithoutCallingItAndHealingClosesIt() throws Exception {
        ResponseEntity<JsonValue> healthy = sample.pay("order-1");
        assertThat(healthy.getStatusCode().value()).isEqualTo(200);
        assertThat(healthy.getBody().path("status").asText()).isEqualTo("CHARGED");
        assertThat(healthy.getBody().path("transactionId").asText()).startsWith("txn_");
        assertThat(sample.breaker("payments").path("state").asText()).isEqualTo("CLOSED");
        assertThat(payments).isClosed().hasSuccessfulCalls(1);

        sample.bankMode("failing");
        for (int i = 1; i <= 3; i++) {
            ResponseEntity<JsonValue> failed = sample.pay("order-f" + i);
            assertThat(failed.getStatusCode().value()).as("fallback answer %d", i).isEqualTo(202);
            assertThat(failed.getBody().path("status").asText()).isEqualTo("DEFERRED");
            assertThat(failed.getBody().path("reason").asText()).contains("bank call failed").contains("503");
        }
        JsonValue open = sample.breaker("payments");
        assertThat(open.path("state").asText()).as("3 failures (failure-threshold 3) open it").isEqualTo("OPEN");
        assertThat(open.path("failedCalls").asLong()).isEqualTo(3);
        assertThat(open.path("remainingWaitMs").asLong()).as("the breakers' time stands still").isEqualTo(600);
        assertThat(payments).isOpen().hasFailedCalls(3).hasRemainingWait(Duration.ofMillis(600));

        long bankCallsBefore = sample.bankRequests();
        ResponseEntity<JsonValue> rejected = sample.pay("order-r");
        assertThat(rejected.getStatusCode().value()).isEqualTo(202);
        assertThat(rejected.getBody().path("fallback").asBoolean()).isTrue();
        assertThat(rejected.getBody().path("reason").asText()).contains("is OPEN").contains("bank not called");
        assertThat(sample.bankRequests()).as("an open breaker does not call the bank").isEqualTo(bankCallsBefore);
        assertThat(sample.breaker("payments").path("notPermittedCalls").asLong()).isEqualTo(1);

        sample.bankMode("healthy");
        ticker.advance(Duration.ofMillis(599));
        assertThat(sample.pay("order-early").getBody().path("reason").asText()).as("1 ms before the wait is over")
                .contains("is OPEN").contains("next trial in 1 ms");
        ticker.advance(Duration.ofMillis(1));
        assertThat(sample.breaker("payments").path("remainingWaitMs").asLong()).as("the open wait is over").isZero();
        for (int i = 1; i <= 2; i++) {
            ResponseEntity<JsonValue> trial = sample.pay("order-t" + i);
            assertThat(trial.getStatusCode().value()).as("trial %d", i).isEqualTo(200);
            assertThat(trial.getBody().path("status").asText()).isEqualTo("CHARGED");
        }
        JsonValue closed = sample.breaker("payments");
        assertThat(closed.path("state").asText()).as("2 trial successes (success-threshold 2) close it").isEqualTo("CLOSED");
        assertThat(closed.path("successfulCalls").asLong()).isEqualTo(3);
        assertThat(payments).isClosed().hasSuccessfulCalls(3).hasFailedCalls(3).hasNotPermittedCalls(2)
                .hasBufferedCalls(0);
    }

    @Test
    void aFlappingBankFailsEveryOtherCharge() {
        sample.bankMode("flapping");
        assertThat(sample.pay("order-a").getBody().path("status").asText()).isEqualTo("DEFERRED");
        assertThat(sample.pay("order-b").getBody().path("status").asText()).isEqualTo("CHARGED");
        assertThat(sample.pay("order-c").getBody().path("status").asText()).isEqualTo("DEFERRED");
        assertThat(sample.breaker("payments").path("state").asText()).isEqualTo("CLOSED");
        assertThat(payments).isClosed().hasFailedCalls(2).hasSuccessfulCalls(1).hasFailureRate(-1);
    }

    @Test
    void theSampleServesTheStartersDashboardPagePointingAtItsEndpoint() {
        ResponseEntity<String> page = sample.get("/circuitbreakers/");
        assertThat(page.getStatusCode().value()).isEqualTo(200);
        assertThat(page.getBody()).contains("<meta name=\"cb-endpoint-path\" content=\"/actuator/circuitbreakers\">")
                .contains("<script src=\"dashboard.js\">");
        assertThat(sample.get("/circuitbreakers/dashboard.js").getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void anUnknownBankModeIsABadRequest() {
        ResponseEntity<String> r = sample.post("/bank/mode", Map.of("mode", "sideways"));
        assertThat(r.getStatusCode().value()).isEqualTo(400);
        assertThat(r.getBody()).contains("sideways").contains("flapping");
    }

    @Test
    void healthShowsThePaymentsBreakerAndStaysUpWhileItIsOpen() {
        assertThat(sample.breakerAction("payments", "open").getStatusCode().value()).isEqualTo(200);
        // Parsed, not matched as text: Boot 4's Jackson 3 writes the members in another order than Boot 3's Jackson 2.
        JsonValue health = JsonValue.parse(sample.get("/actuator/health").getBody());
        assertThat(health.path("status").asText()).isEqualTo("UP");
        assertThat(health.path("components").path("circuitBreakers").path("details").path("payments").path("state").asText())
                .isEqualTo("OPEN");
        assertThat(payments).isOpen();
    }
}
