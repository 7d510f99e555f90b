package dev.circuitbreaker.spring.cloud.openfeign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.circuitbreaker.CircuitBreaker;
import dev.circuitbreaker.CircuitBreakerOpenException;
import dev.circuitbreaker.CircuitBreakerRegistry;
import dev.circuitbreaker.CircuitState;
import dev.circuitbreaker.spring.cloud.Downstream;
import dev.circuitbreaker.spring.cloud.LocalHttp;
import feign.FeignException;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.client.circuitbreaker.NoFallbackAvailableException;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Spring Cloud OpenFeign with {@code spring.cloud.openfeign.circuitbreaker.enabled=true} over real HTTP: Feign's
 * breakers are the registry's, configured by {@code circuitbreaker.instances.<Feign id>}, and show on the endpoint and
 * in Prometheus.
 */
@SpringBootTest(classes = OpenFeignTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "spring.cloud.openfeign.circuitbreaker.enabled=true",
                "circuitbreaker.instances.BankClientbalanceString.failure-threshold=2",
                "circuitbreaker.instances.BankClientbalanceString.wait-duration-in-open-state=60s",
                "management.endpoints.web.exposure.include=circuitbreakers,prometheus",
                // Metrics export in a test on either Boot line (Boot 3.5 and 4.1 switch it off by default).
                "spring.test.observability.auto-configure=true", "spring.test.metrics.export=true"})
class OpenFeignCircuitBreakerTests {

    private static final Downstream BANK = OpenFeignTestApplication.BANK;

    @DynamicPropertySource
    static void bank(DynamicPropertyRegistry properties) {
        properties.add("bank.url", BANK::url);
    }

    @Autowired
    BankClients.BankClient bank;

    @Autowired
    BankClients.LedgerClient ledger;

    @Autowired
    BankClients.BankFallbacks fallbacks;

    @Autowired
    CircuitBreakerRegistry registry;

    @LocalServerPort
    int port;

    @BeforeEach
    void healthyBankAndFreshBreakers() {
        BANK.failing(false);
        registry.all().forEach(CircuitBreaker::reset);
        fallbacks.lastCause.set(null);
    }

    @Test
    void aFeignCallRunsThroughTheRegistrysBreakerNamedByFeignsIdWithItsYamlConfig() {
        assertThat(bank.balance("acc-1")).isEqualTo("ok /balance/acc-1");

        CircuitBreaker breaker = registry.find("BankClientbalanceString").orElseThrow();
        assertThat(breaker.stats().successfulCalls()).isEqualTo(1);
        assertThat(breaker.config().failureThreshold()).isEqualTo(2);
    }

    @Test
    void theFallbackGetsFeignsOwnExceptionThenTheRejectionAndAnOpenBreakerStopsCallingTheBank() {
        BANK.failing(true);
        for (int i = 0; i < 2; i++) {
            assertThat(bank.balance("acc-1")).isEqualTo("fallback");
            assertThat(fallbacks.lastCause.get()).isInstanceOf(FeignException.ServiceUnavailable.class);
        }
        CircuitBreaker breaker = registry.find("BankClientbalanceString").orElseThrow();
        assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
        int reachedBank = BANK.requests();

        assertThat(bank.balance("acc-1")).isEqualTo("fallback");

        assertThat(fallbacks.lastCause.get()).isInstanceOf(CircuitBreakerOpenException.class);
        assertThat(BANK.requests()).as("the open breaker did not call the bank").isEqualTo(reachedBank);
        assertThat(breaker.stats().notPermittedCalls()).isEqualTo(1);
    }

    @Test
    void withoutAFallbackTheCallerGetsNoFallbackAvailableExceptionWithTheCause() {
        BANK.failing(true);
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> ledger.entries("acc-1")).isInstanceOf(NoFallbackAvailableException.class)
                    .cause().isInstanceOf(FeignException.ServiceUnavailable.class);
        }

        assertThatThrownBy(() -> ledger.entries("acc-1")).isInstanceOf(NoFallbackAvailableException.class)
                .cause().isInstanceOf(CircuitBreakerOpenException.class)
                .hasMessageContaining("'LedgerCliententriesString' is OPEN");
    }

    @Test
    void feignsBreakersShowOnTheEndpointAndInPrometheus() {
        BANK.failing(true);
        bank.balance("acc-1");
        bank.balance("acc-1");
        LocalHttp http = new LocalHttp(port);

        HttpResponse<String> endpoint = http.get("/actuator/circuitbreakers");
        HttpResponse<String> prometheus = http.get("/actuator/prometheus");

        assertThat(endpoint.statusCode()).isEqualTo(200);
        assertThat(endpoint.body()).containsPattern("\"BankClientbalanceString\":\\{[^}]*\"state\":\"OPEN\"");
        assertThat(prometheus.statusCode()).isEqualTo(200);
        assertThat(prometheus.body())
                .containsPattern("circuitbreaker_state\\{[^}]*name=\"BankClientbalanceString\"[^}]*state=\"open\"[^}]*} 1\\.0")
                .containsPattern("circuitbreaker_calls_total\\{[^}]*kind=\"failed\"[^}]*name=\"BankClientbalanceString\"[^}]*} 2\\.0");
    }
}
