package dev.circuitbreaker.spring.cloud.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.circuitbreaker.CircuitBreakerRegistry;
import dev.circuitbreaker.CircuitState;
import dev.circuitbreaker.spring.cloud.Downstream;
import dev.circuitbreaker.spring.cloud.LocalHttp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.gateway.filter.factory.SpringCloudCircuitBreakerFilterFactory;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Spring Cloud Gateway (WebFlux)'s {@code CircuitBreaker} filter, which Gateway registers only for Resilience4j's
 * reactive factory, on the registry's breakers over real HTTP to a real downstream: the route's breaker is the
 * registry's, and once it is open the gateway answers 503 with {@code Retry-After} without calling the downstream.
 * Runs in its own surefire execution: Gateway WebFlux refuses to start in the servlet applications of the other tests.
 */
@SpringBootTest(classes = GatewayWebFluxCircuitBreakerTests.ReactiveGateway.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
                "spring.main.web-application-type=reactive",
                "circuitbreaker.instances.bankRoute.failure-threshold=2",
                "circuitbreaker.instances.bankRoute.wait-duration-in-open-state=60s"})
class GatewayWebFluxCircuitBreakerTests {

    private static final Downstream BANK = Downstream.start();

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry properties) {
        properties.add("bank.url", BANK::url);
        String routes = "spring.cloud.gateway.server.webflux.routes[0].";
        properties.add(routes + "id", () -> "ledger");
        properties.add(routes + "uri", () -> "http://127.0.0.1:" + unusedPort());
        properties.add(routes + "predicates[0]", () -> "Path=/ledger/**");
        properties.add(routes + "filters[0]", () -> "CircuitBreaker=ledgerRoute");
    }

    private static int unusedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stopBank() {
        BANK.close();
    }

    @Autowired
    CircuitBreakerRegistry registry;

    @Autowired
    ApplicationContext context;

    @LocalServerPort
    int port;

    @BeforeEach
    void healthyBankAndFreshBreakers() {
        BANK.failing(false);
        registry.all().forEach(dev.circuitbreaker.CircuitBreaker::reset);
    }

    @Test
    void theCircuitBreakerFilterIsThisModulesOnTheRegistrysBreakers() {
        assertThat(context.getBean(SpringCloudCircuitBreakerFilterFactory.class))
                .isInstanceOf(GatewayCircuitBreakerFilterFactory.class);

        HttpResponse<String> response = new LocalHttp(port).get("/bank/balance");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("ok /bank/balance");
        assertThat(registry.find("bankRoute").orElseThrow().stats().successfulCalls()).isEqualTo(1);
    }

    @Test
    void aRejectionAnswers503WithRetryAfterAndNeverReachesTheDownstream() {
        LocalHttp http = new LocalHttp(port);
        BANK.failing(true);
        http.get("/bank/balance");
        http.get("/bank/balance");
        assertThat(registry.find("bankRoute").orElseThrow().state()).isEqualTo(CircuitState.OPEN);
        int reachedBank = BANK.requests();

        HttpResponse<String> rejected = http.get("/bank/balance");

        assertThat(rejected.statusCode()).isEqualTo(503);
        assertThat(rejected.headers().firstValue("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 60L));
        assertThat(BANK.requests()).isEqualTo(reachedBank);
        assertThat(registry.find("bankRoute").orElseThrow().stats().notPermittedCalls()).isEqualTo(1);
    }

    @Test
    void aRouteConfiguredInYamlUsesTheBreakerOfItsFilterShortcutAndAnswers503OnceItIsOpen() {
        LocalHttp http = new LocalHttp(port);
        for (int i = 0; i < 3; i++) {
            assertThat(http.get("/ledger/entries").statusCode()).as("connection refused, no fallback").isNotEqualTo(503);
        }

        HttpResponse<String> rejected = http.get("/ledger/entries");

        assertThat(registry.find("ledgerRoute").orElseThrow().state()).isEqualTo(CircuitState.OPEN);
        assertThat(rejected.statusCode()).isEqualTo(503);
        assertThat(registry.find("ledgerRoute").orElseThrow().stats().failedCalls()).isEqualTo(3);
    }

    /** A reactive gateway with a route to the downstream whose 503 answers count as failures of its breaker. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class ReactiveGateway {

        @Bean
        RouteLocator bankRoute(RouteLocatorBuilder routes, @Value("${bank.url}") String bankUrl) {
            return routes.routes().route("bank", route -> route.path("/bank/**")
                    .filters(filters -> filters.circuitBreaker(config -> config.setName("bankRoute").addStatusCode("503")))
                    .uri(bankUrl)).build();
        }
    }
}
