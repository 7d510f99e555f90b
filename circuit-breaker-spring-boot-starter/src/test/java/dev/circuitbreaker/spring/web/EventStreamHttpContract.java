package dev.circuitbreaker.spring.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.circuitbreaker.CircuitBreaker;
import dev.circuitbreaker.CircuitBreakerRegistry;
import dev.circuitbreaker.spring.dashboard.stream.DashboardEventStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * The dashboard's event stream over real HTTP, the same on every web stack: the subclasses run it on Spring MVC
 * and on WebFlux.
 */
abstract class EventStreamHttpContract {

    static final String STREAM = "/circuitbreakers/events";

    @Value("${local.server.port}")
    int port;

    @Autowired
    PaymentsTestApplication.PaymentService payments;

    @Autowired
    PaymentsTestApplication.Gateway gateway;

    @Autowired
    CircuitBreakerRegistry registry;

    @Autowired
    DashboardEventStream stream;

    @BeforeEach
    void startClosedAndHealthy() {
        gateway.failing.set(false);
        awaitNoClients();
        registry.all().forEach(CircuitBreaker::reset);
    }

    /**
     * Waits until the server has dropped the clients of earlier tests: a server notices a gone client when a write
     * to it fails, so a breaker of its own changes state meanwhile, and is removed afterwards.
     */
    void awaitNoClients() {
        CircuitBreaker probe = registry.circuitBreaker("stream-probe");
        try {
            soon().until(() -> {
                for (int i = 0; i < 10; i++) {
                    probe.transitionToOpen();
                    probe.transitionToClosed();
                }
                return stream.connectedClients() == 0;
            });
        } finally {
            registry.remove("stream-probe");
        }
    }

    @Test
    void aClientGetsTheSnapshotThenEachEventAsItHappensWithoutTheLeakedSecret() throws Exception {
        try (SseClient client = new SseClient(port, STREAM)) {
            assertThat(client.response.statusCode()).isEqualTo(200);
            assertThat(client.response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
            soon().until(() -> client.messages("SNAPSHOT_END").size() == 1);
            List<Map<String, Object>> snapshot = client.messages();
            assertThat(snapshot.get(0)).containsEntry("type", "STATS").containsEntry("name", "payments")
                    .containsEntry("state", "CLOSED").containsKeys("totalCalls", "failureRate", "remainingWaitMs");
            assertThat(client.lines).anyMatch(line -> line.startsWith("retry:"));

            payments.charge("t1");
            gateway.failing.set(true);
            for (int i = 2; i <= 5; i++) {
                payments.charge("t" + i);
            }

            soon().untilAsserted(() -> {
                assertThat(client.live("ERROR")).hasSize(3).allSatisfy(error -> assertThat(error)
                        .containsEntry("name", "payments").containsKeys("timestamp", "durationMs")
                        .extractingByKey("errorMessage").asString()
                        .startsWith("java.lang.IllegalStateException: gateway refused login user=shop password=******"));
                assertThat(client.live("STATE_TRANSITION")).singleElement().satisfies(t -> assertThat(t)
                        .containsEntry("name", "payments").containsEntry("from", "CLOSED").containsEntry("to", "OPEN"));
                assertThat(client.live("NOT_PERMITTED")).singleElement()
                        .satisfies(n -> assertThat(n).containsEntry("name", "payments"));
                assertThat(client.live("STATS")).last().satisfies(stats -> assertThat(stats)
                        .containsEntry("state", "OPEN").containsEntry("failedCalls", 3).containsEntry("notPermittedCalls", 1));
            });
            assertThat(String.join("\n", client.lines)).doesNotContain(PaymentsTestApplication.SECRET);
        }
    }

    @Test
    void aReconnectingClientGetsTheBufferedTransitionsForItsTimeline() throws Exception {
        CircuitBreaker breaker = registry.find("payments").orElseThrow();
        breaker.transitionToOpen();
        breaker.transitionToHalfOpen();
        breaker.transitionToClosed();
        try (SseClient client = new SseClient(port, STREAM)) {
            soon().until(() -> client.messages("SNAPSHOT_END").size() == 1);
            assertThat(client.messages("STATE_TRANSITION")).extracting(m -> m.get("from") + ">" + m.get("to"))
                    .endsWith("CLOSED>OPEN", "OPEN>HALF_OPEN", "HALF_OPEN>CLOSED");
        }
    }

    @Test
    void aClientThatLeavesIsDroppedByTheServer() throws Exception {
        SseClient client = new SseClient(port, STREAM);
        soon().until(() -> client.messages("SNAPSHOT_END").size() == 1);
        assertThat(stream.connectedClients()).isEqualTo(1);
        client.close();
        awaitNoClients();
    }

    @Test
    void aClientThatStopsReadingIsClosedAndTheStreamGoesOnForTheOthers() throws Exception {
        List<CircuitBreaker> flood = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            flood.add(registry.circuitBreaker("flood-" + i));
        }
        try (Socket stalled = new Socket()) {
            stalled.setReceiveBufferSize(1024);
            stalled.connect(new InetSocketAddress("localhost", port));
            stalled.getOutputStream().write(("GET " + STREAM + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Accept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            soon().until(() -> stream.connectedClients() == 1);
            soon().atMost(Duration.ofSeconds(60)).until(() -> {
                for (int round = 0; round < 50; round++) {
                    for (CircuitBreaker breaker : flood) {
                        breaker.transitionToOpen();
                        breaker.transitionToClosed();
                    }
                }
                return stream.connectedClients() == 0;
            });
            try (SseClient reader = new SseClient(port, STREAM)) {
                soon().until(() -> reader.messages("SNAPSHOT_END").size() == 1);
                registry.find("payments").orElseThrow().transitionToOpen();
                soon().untilAsserted(() -> assertThat(reader.live("STATE_TRANSITION"))
                        .anySatisfy(t -> assertThat(t).containsEntry("name", "payments").containsEntry("to", "OPEN")));
            }
        } finally {
            flood.forEach(breaker -> registry.remove(breaker.name()));
        }
    }

    @Test
    void theStreamAndThePageCreateNoBreaker() throws Exception {
        int breakers = registry.all().size();
        LocalHttp http = new LocalHttp(port);
        assertThat(http.get("/circuitbreakers/").statusCode()).isEqualTo(200);
        assertThat(http.get("/circuitbreakers/feed.js").body()).contains("EventSource");
        try (SseClient client = new SseClient(port, STREAM)) {
            soon().until(() -> client.messages("SNAPSHOT_END").size() == 1);
        }
        assertThat(registry.all()).hasSize(breakers);
    }

    /** Awaits with room for a busy machine (the build shares two cores with others). */
    static ConditionFactory soon() {
        return await().atMost(Duration.ofSeconds(30));
    }
}
