package dev.circuitbreaker.sample;

import static dev.circuitbreaker.test.CircuitBreakerAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.circuitbreaker.CircuitBreakerRegistry;
import dev.circuitbreaker.sample.bank.BankServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;

/**
 * The hanging bank and the sample's bulkhead ({@code max-concurrent-calls: 4} in application.yml): four payments
 * wait on the bank, the fifth is answered at once by the bulkhead's fallback without reaching the bank, and
 * switching the bank back answers the waiting four. (What that buys under a flood is {@link BulkheadProtectionTest}.)
 */
@SampleAppTest
class HangingBankEndToEndTest {

    @LocalServerPort
    int port;

    @Autowired
    BankServer bank;

    @Autowired
    CircuitBreakerRegistry registry;

    SampleClient sample;
    ExecutorService clients = Executors.newCachedThreadPool();

    @BeforeEach
    void healthyBank() {
        sample = new SampleClient(port);
        sample.healthyBank();
    }

    @AfterEach
    void stopClients() {
        sample.healthyBank();
        clients.shutdownNow();
    }

    @Test
    void aFullBulkheadAnswersAtOnceWithoutCallingTheBankAndTheWaitingChargesCompleteWhenTheBankRecovers() throws Exception {
        int limit = registry.find("payments").orElseThrow().config().maxConcurrentCalls();
        assertThat(limit).as("application.yml").isEqualTo(4);
        sample.bankMode("hanging");
        List<CompletableFuture<ResponseEntity<JsonValue>>> waiting = new ArrayList<>();
        for (int i = 1; i <= limit; i++) {
            String orderId = "order-h" + i;
            waiting.add(CompletableFuture.supplyAsync(() -> sample.pay(orderId), clients));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> bank.inFlight() == limit);
        JsonValue mode = JsonValue.parse(sample.get("/bank/mode").getBody());
        assertThat(mode.path("mode").asText()).isEqualTo("HANGING");
        assertThat(mode.path("inFlight").asLong()).isEqualTo(limit);

        long bankRequests = sample.bankRequests();
        ResponseEntity<JsonValue> busy = sample.pay("order-busy");
        assertThat(busy.getStatusCode().value()).isEqualTo(202);
        assertThat(busy.getBody().path("status").asText()).isEqualTo("DEFERRED");
        assertThat(busy.getBody().path("reason").asText()).isEqualTo("bank busy: 4 calls in flight; bank not called");
        assertThat(sample.bankRequests()).as("the fifth payment did not reach the bank").isEqualTo(bankRequests);
        assertThat(registry.find("payments").orElseThrow()).isClosed().hasFailedCalls(0);
        assertThat(sample.breaker("payments").path("bulkheadFullCalls").asLong()).isEqualTo(1);
        assertThat(sample.breaker("payments").path("concurrentCalls").asLong()).isEqualTo(limit);

        sample.healthyBank();
        for (CompletableFuture<ResponseEntity<JsonValue>> payment : waiting) {
            ResponseEntity<JsonValue> charged = payment.get(10, TimeUnit.SECONDS);
            assertThat(charged.getBody().path("status").asText()).as("answered by the recovered bank, not timed out")
                    .isEqualTo("CHARGED");
        }
        assertThat(registry.find("payments").orElseThrow()).hasSuccessfulCalls(limit);
        assertThat(sample.breaker("payments").path("concurrentCalls").asLong()).isZero();
    }
}
