package dev.circuitbreaker.spring.cloud.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.cloud.gateway.server.mvc.filter.BeforeFilterFunctions.uri;
import static org.springframework.cloud.gateway.server.mvc.filter.CircuitBreakerFilterFunctions.circuitBreaker;
import static org.springframework.cloud.gateway.server.mvc.handler.GatewayRouterFunctions.route;
import static org.springframework.cloud.gateway.server.mvc.handler.HandlerFunctions.http;
import static org.springframework.web.servlet.function.RequestPredicates.path;

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
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.ClassUtils;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Spring Cloud Gateway Server MVC's {@code CircuitBreaker} filter over real HTTP to a real downstream: the route's
 * breaker is the registry's, and when it rejects, a route without a fallback answers 503 with {@code Retry-After},
 * whether Resilience4j's jar is on the class path or not (the build runs this class both ways where it matters; the
 * system property {@code gatewaytest.resilience4j.expected} says which way is expected).
 */
@SpringBootTest(classes = GatewayMvcCircuitBreakerTests.GatewayApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
                "circuitbreaker.instances.bankRoute.failure-threshold=2",
                "circuitbreaker.instances.bankRoute.wait-duration-in-open-state=60s"})
class GatewayMvcCircuitBreakerTests {

    private static final Downstream BANK = Downstream.start();

    @DynamicPropertySource
    static void routes(DynamicPropertyRegistry properties) {
        properties.add("bank.url", BANK::url);
        // A route configured in YAML, to a port nobody listens on: every call fails to connect.
        String routes = "spring.cloud.gateway.server.webmvc.routes[0].";
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

    @LocalServerPort
    int port;

    @BeforeEach
    void healthyBankAndFreshBreakers() {
        BANK.failing(false);
        registry.all().forEach(dev.circuitbreaker.CircuitBreaker::reset);
    }

    @Test
    void theClassPathIsTheOneThisRunExpects() {
        String expected = System.getProperty("gatewaytest.resilience4j.expected");
        boolean present = ClassUtils.isPresent("io.github.resilience4j.circuitbreaker.CallNotPermittedException", null);
        if (expected != null) {
            assertThat(present).as("Resilience4j on the class path").isEqualTo(Boolean.parseBoolean(expected));
        }
    }

    @Test
    void aRouteRunsThroughTheRegistrysBreakerNamedByTheFiltersId() {
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
    void aFailureThatIsNotARejectionKeepsGatewaysOwnStatus() {
        BANK.failing(true);

        HttpResponse<String> failed = new LocalHttp(port).get("/bank/balance");

        assertThat(failed.statusCode()).as("Gateway's answer to a failure status without a fallback").isEqualTo(500);
        assertThat(registry.find("bankRoute").orElseThrow().stats().failedCalls()).isEqualTo(1);
    }

    @Test
    void aRouteConfiguredInYamlUsesTheBreakerOfItsFilterShortcutAndAnswers503OnceItIsOpen() {
        LocalHttp http = new LocalHttp(port);
        for (int i = 0; i < 3; i++) {
            assertThat(http.get("/ledger/entries").statusCode()).as("connection refused, no fallback").isEqualTo(500);
        }

        HttpResponse<String> rejected = http.get("/ledger/entries");

        assertThat(registry.find("ledgerRoute").orElseThrow().state()).isEqualTo(CircuitState.OPEN);
        assertThat(rejected.statusCode()).isEqualTo(503);
        assertThat(registry.find("ledgerRoute").orElseThrow().stats().failedCalls()).isEqualTo(3);
    }

    /** A gateway with one route to the downstream, its 503 answers counted as failures by the route's breaker. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class GatewayApplication {

        @Bean
        RouterFunction<ServerResponse> bankRoute(@Value("${bank.url}") String bankUrl) {
            return route("bank").route(path("/bank/**"), http()).before(uri(bankUrl))
                    .filter(circuitBreaker(config -> config.setId("bankRoute").setStatusCodes("503"))).build();
        }
    }
}
