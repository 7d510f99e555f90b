package dev.circuitbreaker.spring.cloud.httpservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.circuitbreaker.CircuitBreaker;
import dev.circuitbreaker.CircuitBreakerOpenException;
import dev.circuitbreaker.CircuitBreakerRegistry;
import dev.circuitbreaker.CircuitState;
import dev.circuitbreaker.spring.cloud.Downstream;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cloud.client.circuitbreaker.NoFallbackAvailableException;
import org.springframework.cloud.client.circuitbreaker.httpservice.HttpServiceFallback;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.registry.ImportHttpServices;

/**
 * HTTP service clients over real HTTP, wrapped by Spring Cloud Commons 5.0 in the breaker named after their group:
 * the registry's breaker, configured by {@code circuitbreaker.instances.<group>}; an {@code @HttpServiceFallback}
 * method receives the callee's exception, then the rejection; a group without a fallback throws Spring Cloud's
 * {@code NoFallbackAvailableException}.
 */
@SpringBootTest(classes = HttpServiceClientTests.HttpServicesApplication.class, properties = {
        "circuitbreaker.instances.bank.failure-threshold=2",
        "circuitbreaker.instances.bank.wait-duration-in-open-state=60s"})
class HttpServiceClientTests {

    private static final Downstream BANK = Downstream.start();

    @DynamicPropertySource
    static void bank(DynamicPropertyRegistry properties) {
        properties.add("spring.http.serviceclient.bank.base-url", BANK::url);
        properties.add("spring.http.serviceclient.ledger.base-url", BANK::url);
    }

    @AfterAll
    static void stopBank() {
        BANK.close();
    }

    @Autowired
    BankService bank;

    @Autowired
    LedgerService ledger;

    @Autowired
    CircuitBreakerRegistry registry;

    @BeforeEach
    void healthyBankAndFreshBreakers() {
        BANK.failing(false);
        registry.all().forEach(CircuitBreaker::reset);
        BankFallback.lastCause.set(null);
    }

    @Test
    void eachGroupGetsTheRegistrysBreakerNamedAfterItWithItsYamlConfig() {
        assertThat(bank.balance("acc-1")).isEqualTo("ok /balance/acc-1");

        CircuitBreaker breaker = registry.find("bank").orElseThrow();
        assertThat(breaker.stats().successfulCalls()).isEqualTo(1);
        assertThat(breaker.config().failureThreshold()).isEqualTo(2);
        assertThat(registry.find("ledger")).as("created when the client was built").isPresent();
    }

    @Test
    void theFallbackGetsTheCalleesExceptionThenTheRejectionAndAnOpenBreakerStopsCallingTheBank() {
        BANK.failing(true);
        for (int i = 0; i < 2; i++) {
            assertThat(bank.balance("acc-1")).isEqualTo("fallback acc-1");
            assertThat(BankFallback.lastCause.get()).isInstanceOf(HttpServerErrorException.ServiceUnavailable.class);
        }
        assertThat(registry.find("bank").orElseThrow().state()).isEqualTo(CircuitState.OPEN);
        int reachedBank = BANK.requests();

        assertThat(bank.balance("acc-1")).isEqualTo("fallback acc-1");

        assertThat(BankFallback.lastCause.get()).isInstanceOf(CircuitBreakerOpenException.class);
        assertThat(BANK.requests()).isEqualTo(reachedBank);
    }

    @Test
    void aGroupWithoutAFallbackThrowsNoFallbackAvailableExceptionWithTheCause() {
        BANK.failing(true);

        assertThatThrownBy(() -> ledger.entries("acc-1")).isInstanceOf(NoFallbackAvailableException.class)
                .cause().isInstanceOf(HttpServerErrorException.ServiceUnavailable.class);
    }

    /** The bank's HTTP API (group {@code bank}). */
    @HttpExchange
    interface BankService {

        @GetExchange("/balance/{account}")
        String balance(@PathVariable("account") String account);
    }

    /** The ledger's HTTP API (group {@code ledger}, no fallback). */
    @HttpExchange
    interface LedgerService {

        @GetExchange("/entries/{account}")
        String entries(@PathVariable("account") String account);
    }

    /** The {@code bank} group's fallback: Spring Cloud passes the throwable first, then the call's arguments. */
    public static class BankFallback {

        static final AtomicReference<Throwable> lastCause = new AtomicReference<>();

        public String balance(Throwable cause, String account) {
            lastCause.set(cause);
            return "fallback " + account;
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @ImportHttpServices(group = "bank", types = BankService.class)
    @ImportHttpServices(group = "ledger", types = LedgerService.class)
    @HttpServiceFallback(value = BankFallback.class, group = "bank")
    static class HttpServicesApplication {
    }
}
