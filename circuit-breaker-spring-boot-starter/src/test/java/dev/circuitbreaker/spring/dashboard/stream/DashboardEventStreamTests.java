package dev.circuitbreaker.spring.dashboard.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.circuitbreaker.CircuitBreaker;
import dev.circuitbreaker.CircuitBreakerConfig;
import dev.circuitbreaker.CircuitBreakerRegistry;
import dev.circuitbreaker.group.GroupLink;
import dev.circuitbreaker.group.GroupState;
import dev.circuitbreaker.group.GroupStore;
import dev.circuitbreaker.group.GroupStoreStatus;
import dev.circuitbreaker.group.LocalDecision;
import dev.circuitbreaker.group.SharedGroupConfig;
import dev.circuitbreaker.group.SharedGroupState;
import dev.circuitbreaker.spring.events.CircuitBreakerEventLog;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DashboardEventStreamTests {

    final CircuitBreakerRegistry registry = CircuitBreakerRegistry.of(CircuitBreakerConfig.builder().failureThreshold(2).build());
    final CircuitBreakerEventLog log = new CircuitBreakerEventLog(registry);
    final DashboardEventStream stream = new DashboardEventStream(registry, log, Duration.ofMillis(100), Duration.ofMillis(200));

    @AfterEach
    void close() {
        stream.close();
        log.close();
    }

    @Test
    void onConnectAClientGetsEveryBreakersStatsThenTheirBufferedTransitionsThenTheEndOfTheSnapshot() {
        registry.circuitBreaker("b-orders", CircuitBreakerConfig.builder().failureThreshold(2).group("shop")
                .maxConcurrentCalls(8).build());
        CircuitBreaker payments = registry.circuitBreaker("a-payments");
        payments.transitionToOpen();
        payments.transitionToHalfOpen();
        RecordingClient client = connect();

        List<Map<String, Object>> messages = client.messages();
        assertThat(messages).extracting(m -> m.get("type"))
                .containsExactly("STATS", "STATS", "STATE_TRANSITION", "STATE_TRANSITION", "SNAPSHOT_END");
        assertThat(messages.get(0)).containsEntry("name", "a-payments").containsEntry("state", "HALF_OPEN")
                .containsKeys("totalCalls", "failedCalls", "notPermittedCalls", "failureRate", "remainingWaitMs")
                .doesNotContainKey("group");
        assertThat(messages.get(1)).containsEntry("name", "b-orders").containsEntry("group", "shop")
                .containsEntry("maxConcurrentCalls", 8).containsEntry("concurrentCalls", 0);
        assertThat(messages.get(0)).doesNotContainKey("maxConcurrentCalls");
        assertThat(messages.get(2)).containsEntry("name", "a-payments").containsEntry("from", "CLOSED").containsEntry("to", "OPEN")
                .containsKey("timestamp");
        assertThat(messages.get(3)).containsEntry("from", "OPEN").containsEntry("to", "HALF_OPEN");
        assertThat(messages.get(4)).containsEntry("breakers", 2);
        assertThat(stream.connectedClients()).isEqualTo(1);
    }

    @Test
    void theStatsOfASharedGroupsMemberSayWhichInstanceTookTheGroupsDecision() {
        GroupStoreStatus decided = new GroupStoreStatus("inventory", "redis", "instance-a", true, 7, "instance-b",
                GroupState.OPEN);
        CircuitBreakerRegistry shared = CircuitBreakerRegistry.builder().groupStore(new FixedStatusStore(decided))
                .sharedGroup("inventory", SharedGroupConfig.ofDefaults()).build();
        shared.circuitBreaker("inventory-a", CircuitBreakerConfig.builder().group("inventory").build());
        try (CircuitBreakerEventLog sharedLog = new CircuitBreakerEventLog(shared);
                DashboardEventStream sharedStream = new DashboardEventStream(shared, sharedLog, Duration.ofMillis(100))) {
            RecordingClient client = new RecordingClient();
            sharedStream.connect(client);
            soon().until(() -> client.messages("SNAPSHOT_END").size() == 1);
            assertThat(client.messages("STATS")).singleElement().satisfies(stats -> assertThat(stats)
                    .containsEntry("group", "inventory")
                    .containsEntry("sharedGroup", Map.of("store", "redis", "connected", true, "instance", "instance-a",
                            "decidedBy", "instance-b", "decidedRemotely", true, "decision", "OPEN")));
        }
    }

    @Test
    void liveEventsFollowWithTheBreakersNameAndTheStatsTheyChanged() {
        CircuitBreaker payments = registry.circuitBreaker("payments");
        RecordingClient client = connect();
        for (int i = 0; i < 2; i++) {
            catchThrowable(() -> payments.call(() -> {
                throw new IOException("declined, api_key=sk_live_123");
            }));
        }
        soon().untilAsserted(() -> assertThat(client.messages("STATS")).last()
                .satisfies(stats -> assertThat(stats).containsEntry("state", "OPEN").containsEntry("failedCalls", 2)));
        assertThat(client.messages("ERROR")).hasSize(2).allSatisfy(error -> assertThat(error)
                .containsEntry("name", "payments").containsEntry("errorMessage", "java.io.IOException: declined, api_key=******")
                .containsKey("durationMs"));
        assertThat(client.messages("STATE_TRANSITION")).singleElement()
                .satisfies(t -> assertThat(t).containsEntry("name", "payments").containsEntry("to", "OPEN"));
        assertThat(String.join("\n", client.lines)).doesNotContain("sk_live_123");
    }

    @Test
    void statsThatChangeWithoutAnEventArriveWithinTheInterval() {
        CircuitBreaker payments = registry.circuitBreaker("payments");
        RecordingClient client = connect();
        payments.run(() -> { });
        soon().untilAsserted(() -> assertThat(client.messages("STATS")).last()
                .satisfies(stats -> assertThat(stats).containsEntry("successfulCalls", 1)));
    }

    @Test
    void aRunOfRejectionsIsOneLineWithItsCount() throws Exception {
        CircuitBreaker payments = registry.circuitBreaker("payments");
        payments.forceOpen();
        RecordingClient client = connect();
        CountDownLatch gate = new CountDownLatch(1);
        client.gate = gate;
        registry.circuitBreaker("other").transitionToOpen();
        soon().until(() -> blockedOnAClient());
        for (int i = 0; i < 50; i++) {
            catchThrowable(() -> payments.run(() -> { }));
        }
        client.gate = null;
        gate.countDown();
        soon().untilAsserted(() -> assertThat(client.messages("NOT_PERMITTED")).singleElement()
                .satisfies(m -> assertThat(m).containsEntry("name", "payments").containsEntry("count", 50)));
    }

    @Test
    void aRunThatGrowsAfterItsLineWasSentIsSentAgainWithTheSameTimestampAndItsNewCount() {
        CircuitBreaker payments = registry.circuitBreaker("payments");
        payments.forceOpen();
        RecordingClient client = connect();
        for (int i = 0; i < 3; i++) {
            catchThrowable(() -> payments.run(() -> { }));
        }
        soon().until(() -> !client.messages("NOT_PERMITTED").isEmpty());
        for (int i = 0; i < 5; i++) {
            catchThrowable(() -> payments.run(() -> { }));
        }
        soon().untilAsserted(() -> assertThat(client.messages("NOT_PERMITTED")).last()
                .satisfies(m -> assertThat(m).containsEntry("count", 8)));
        List<Map<String, Object>> lines = client.messages("NOT_PERMITTED");
        assertThat(lines).extracting(m -> m.get("timestamp")).containsOnly(lines.get(0).get("timestamp"));
        assertThat(log.events("payments").orElseThrow()).filteredOn(e -> e.type().name().equals("NOT_PERMITTED")).singleElement()
                .satisfies(e -> assertThat(e.count()).isEqualTo(8));
    }

    @Test
    void breakersRemovedAtRunTimeAreAnnouncedAndNewOnesAppear() {
        registry.circuitBreaker("old");
        RecordingClient client = connect();
        registry.remove("old");
        registry.circuitBreaker("new").transitionToOpen();
        soon().untilAsserted(() -> {
            assertThat(client.messages("REMOVED")).singleElement().satisfies(m -> assertThat(m).containsEntry("name", "old"));
            assertThat(client.messages("STATS")).anySatisfy(m -> assertThat(m).containsEntry("name", "new"));
            assertThat(client.messages("STATE_TRANSITION")).anySatisfy(m -> assertThat(m).containsEntry("name", "new"));
        });
    }

    @Test
    void aClientThatFallsTooFarBehindIsClosedAndLeavesTheStream() {
        CircuitBreaker flapping = registry.circuitBreaker("flapping");
        RecordingClient client = connect();
        client.drains = false;
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            while (!client.isClosed()) {
                flapping.transitionToOpen();
                flapping.transitionToClosed();
                Thread.onSpinWait();
            }
        });
        soon().until(() -> client.closedByStream && stream.connectedClients() == 0);
    }

    @Test
    void aStuckClientNeverHoldsACaller() {
        CircuitBreaker payments = registry.circuitBreaker("payments");
        RecordingClient stuck = connect();
        stuck.gate = new CountDownLatch(1);
        payments.transitionToOpen();
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            for (int i = 0; i < 20_000; i++) {
                payments.transitionToClosed();
                payments.transitionToOpen();
                catchThrowable(() -> payments.run(() -> { }));
            }
        });
        assertThat(log.events("payments").orElseThrow()).hasSize(CircuitBreakerEventLog.EVENTS_PER_BREAKER);
        stuck.gate.countDown();
    }

    @Test
    void idleConnectionsHearHeartbeatsAndClosingTheStreamClosesItsClients() {
        RecordingClient client = connect();
        soon().until(() -> client.heartbeats.size() >= 2);
        stream.close();
        assertThat(client.isClosed()).isTrue();
        assertThat(client.closedByStream).isTrue();
        RecordingClient late = new RecordingClient();
        stream.connect(late);
        assertThat(late.isClosed()).as("a client of a closed stream is closed at once").isTrue();
    }

    private RecordingClient connect() {
        RecordingClient client = new RecordingClient();
        stream.connect(client);
        soon().until(() -> client.messages("SNAPSHOT_END").size() == 1);
        return client;
    }

    /** Whether the stream's thread waits in a client's linesWaiting, behind a gate. */
    private static boolean blockedOnAClient() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> e.getKey().getName().equals("circuitbreaker-dashboard-stream"))
                .anyMatch(e -> e.getKey().getState() == Thread.State.WAITING
                        && List.of(e.getValue()).stream().anyMatch(f -> f.getMethodName().equals("linesWaiting")));
    }

    /** A group store whose groups report one fixed status and share nothing. */
    private record FixedStatusStore(GroupStoreStatus status) implements GroupStore {

        @Override
        public GroupLink attach(SharedGroupState group) {
            return new GroupLink() {
                @Override
                public void localDecision(LocalDecision decision) {
                }

                @Override
                public GroupStoreStatus status() {
                    return status;
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public void close() {
        }
    }

    /** Awaits with room for a busy machine (the build shares two cores with others). */
    static ConditionFactory soon() {
        return await().atMost(Duration.ofSeconds(30));
    }
}
