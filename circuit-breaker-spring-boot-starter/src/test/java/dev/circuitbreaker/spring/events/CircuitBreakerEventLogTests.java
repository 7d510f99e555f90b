package dev.circuitbreaker.spring.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.circuitbreaker.BulkheadFullException;
import dev.circuitbreaker.CallPermit;
import dev.circuitbreaker.CircuitBreaker;
import dev.circuitbreaker.CircuitBreakerConfig;
import dev.circuitbreaker.CircuitBreakerOpenException;
import dev.circuitbreaker.CircuitBreakerRegistry;
import dev.circuitbreaker.CircuitState;
import dev.circuitbreaker.spring.events.CircuitBreakerEvent.Type;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CircuitBreakerEventLogTests {

    static final Instant NOW = Instant.parse("2026-12-01T10:15:30.123Z");

    final AtomicLong nanos = new AtomicLong();
    final CircuitBreakerRegistry registry = CircuitBreakerRegistry.builder().ticker(nanos::get)
            .defaultConfig(CircuitBreakerConfig.builder().failureThreshold(3).slowCallDurationThreshold(Duration.ofMillis(100))
                    .ignoreExceptions(UnsupportedOperationException.class).build())
            .build();
    final CircuitBreakerEventLog log = new CircuitBreakerEventLog(registry, Clock.fixed(NOW, ZoneOffset.UTC));

    @AfterEach
    void closeTheLog() {
        log.close();
    }

    @Test
    void transitionsErrorsAndRejectionsAreRecordedWithTheHistorysMaskedErrorText() {
        CircuitBreaker payments = registry.circuitBreaker("payments");
        payments.run(() -> { });
        for (int i = 0; i < 3; i++) {
            fail(payments, new IOException("bank refused user=shop password=hunter2 #" + i), 5);
        }
        assertThat(catchThrowable(() -> payments.run(() -> { }))).isInstanceOf(CircuitBreakerOpenException.class);

        List<CircuitBreakerEvent> events = log.events("payments").orElseThrow();
        assertThat(events).extracting(CircuitBreakerEvent::type).as("the fast success is no event; the tripping "
                + "error before the transition it caused").containsExactly(Type.ERROR, Type.ERROR, Type.ERROR,
                        Type.STATE_TRANSITION, Type.NOT_PERMITTED);
        assertThat(events.get(4).type()).isEqualTo(Type.NOT_PERMITTED);
        CircuitBreakerEvent transition = events.stream().filter(e -> e.type() == Type.STATE_TRANSITION).findFirst().orElseThrow();
        assertThat(transition.from()).isEqualTo(CircuitState.CLOSED);
        assertThat(transition.to()).isEqualTo(CircuitState.OPEN);
        assertThat(transition.timestamp()).isEqualTo(NOW);
        List<String> history = payments.history().stream().filter(r -> r.errorMessage() != null)
                .map(r -> r.errorMessage()).toList();
        assertThat(events.stream().filter(e -> e.type() == Type.ERROR).map(CircuitBreakerEvent::errorMessage).toList())
                .as("exactly the history's text").isEqualTo(history)
                .allSatisfy(m -> assertThat(m).startsWith("java.io.IOException: bank refused user=shop password=******")
                        .doesNotContain("hunter2"));
        assertThat(events).filteredOn(e -> e.type() == Type.ERROR).extracting(CircuitBreakerEvent::durationMs)
                .containsOnly(5.0);
        assertThat(events).extracting(CircuitBreakerEvent::sequence).containsExactly(0L, 1L, 2L, 3L, 4L);
    }

    @Test
    void aRunOfRejectionsIsOneEventWithItsCountAndAnotherEventStartsANewRun() {
        CircuitBreaker payments = registry.circuitBreaker("payments");
        payments.forceOpen();
        for (int i = 0; i < 1_000; i++) {
            catchThrowable(() -> payments.run(() -> { }));
        }
        payments.transitionToOpen();
        catchThrowable(() -> payments.run(() -> { }));

        List<CircuitBreakerEvent> events = log.events("payments").orElseThrow();
        assertThat(events).extracting(CircuitBreakerEvent::type).containsExactly(Type.STATE_TRANSITION,
                Type.NOT_PERMITTED, Type.STATE_TRANSITION, Type.NOT_PERMITTED);
        assertThat(events.get(1).count()).isEqualTo(1_000);
        assertThat(EventFields.of(events.get(1))).containsEntry("count", 1_000L);
        assertThat(events.get(3).count()).isEqualTo(1);
        assertThat(EventFields.of(events.get(3))).doesNotContainKey("count");
        assertThat(payments.stats().notPermittedCalls()).isEqualTo(1_001);
    }

    @Test
    void slowCallsAreEventsAndFastSuccessesAreNot() {
        CircuitBreaker breaker = registry.circuitBreaker("slow");
        succeed(breaker, 100);
        succeed(breaker, 101);
        fail(breaker, new IOException("late and broken"), 250);
        assertThat(log.events("slow").orElseThrow()).satisfiesExactly(
                slow -> {
                    assertThat(slow.type()).isEqualTo(Type.SLOW_CALL);
                    assertThat(slow.durationMs()).isEqualTo(101.0);
                    assertThat(slow.duration()).isEqualTo(Duration.ofMillis(101));
                    assertThat(slow.errorMessage()).isNull();
                },
                error -> {
                    assertThat(error.type()).isEqualTo(Type.ERROR);
                    assertThat(error.durationMs()).isEqualTo(250.0);
                });
    }

    @Test
    void aCallRejectedByAFullBulkheadIsABulkheadFullEvent() {
        CircuitBreaker limited = registry.circuitBreaker("limited",
                registry.defaultConfig().toBuilder().maxConcurrentCalls(1).build());
        CallPermit running = limited.acquirePermit();
        assertThat(catchThrowable(() -> limited.run(() -> { }))).isInstanceOf(BulkheadFullException.class);
        running.onSuccess();
        assertThat(log.events("limited").orElseThrow()).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(Type.BULKHEAD_FULL);
            assertThat(EventFields.of(e)).containsOnlyKeys("type", "timestamp");
        });
    }

    @Test
    void ignoredErrorsAreEventsWithTheirText() {
        CircuitBreaker breaker = registry.circuitBreaker("ignoring");
        fail(breaker, new UnsupportedOperationException("token: abc"), 1);
        CircuitBreakerEvent ignored = log.events("ignoring").orElseThrow().get(0);
        assertThat(ignored.type()).isEqualTo(Type.IGNORED_ERROR);
        assertThat(ignored.errorMessage()).isEqualTo("java.lang.UnsupportedOperationException: token: ******");
        assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
    }

    @Test
    void eachBreakerKeepsItsLastHundredEventsOldestFirst() {
        CircuitBreaker breaker = registry.circuitBreaker("busy");
        for (int i = 0; i < 250; i++) {
            fail(breaker, new UnsupportedOperationException("call " + i), 1);
        }
        List<CircuitBreakerEvent> events = log.events("busy").orElseThrow();
        assertThat(events).hasSize(CircuitBreakerEventLog.EVENTS_PER_BREAKER);
        assertThat(events.get(0).errorMessage()).endsWith("call 150");
        assertThat(events.get(99).errorMessage()).endsWith("call 249");
        assertThat(events).extracting(CircuitBreakerEvent::sequence).isSorted().startsWith(150L).endsWith(249L);
    }

    @Test
    void breakersCreatedAtRunTimeGetEventsAndRemovedOnesKeepNone() {
        assertThat(log.events("late")).isEmpty();
        assertThat(registry.find("late")).as("a lookup creates no breaker").isEmpty();
        CircuitBreaker late = registry.circuitBreaker("late");
        late.transitionToOpen();
        assertThat(log.events("late").orElseThrow()).extracting(CircuitBreakerEvent::type).containsExactly(Type.STATE_TRANSITION);
        assertThat(log.all()).containsKey("late");

        registry.remove("late");
        assertThat(log.events("late")).isEmpty();
        assertThat(log.all()).doesNotContainKey("late");
        late.transitionToClosed();
        assertThat(log.buffers()).extracting(BreakerEventBuffer::name).doesNotContain("late");

        registry.circuitBreaker("late");
        assertThat(log.events("late").orElseThrow()).as("a new breaker of the same name starts empty").isEmpty();
    }

    @Test
    void aLogCreatedAfterItsBreakersFollowsThemToo() {
        CircuitBreakerRegistry other = CircuitBreakerRegistry.ofDefaults();
        other.circuitBreaker("early");
        try (CircuitBreakerEventLog late = new CircuitBreakerEventLog(other)) {
            other.circuitBreaker("early").forceOpen();
            assertThat(late.events("early").orElseThrow()).singleElement()
                    .satisfies(e -> assertThat(e.to()).isEqualTo(CircuitState.FORCED_OPEN));
            assertThat(late.all()).containsOnlyKeys("early");
        }
    }

    @Test
    void aClosedLogRecordsNothingMore() {
        CircuitBreaker breaker = registry.circuitBreaker("stopped");
        log.close();
        breaker.transitionToOpen();
        assertThat(log.events("stopped")).isEmpty();
        registry.circuitBreaker("after-close");
        assertThat(log.buffers()).isEmpty();
    }

    @Test
    void watchersHearEveryEventAndEveryBreakerAddedOrRemoved() {
        AtomicInteger heard = new AtomicInteger();
        var registration = log.watch(heard::incrementAndGet);
        CircuitBreaker breaker = registry.circuitBreaker("watched");
        assertThat(heard).as("added").hasValue(1);
        breaker.run(() -> { });
        assertThat(heard).as("a fast success is nothing").hasValue(1);
        breaker.transitionToOpen();
        assertThat(heard).hasValue(2);
        registry.remove("watched");
        assertThat(heard).as("removed").hasValue(3);
        registration.remove();
        registry.circuitBreaker("unwatched").transitionToOpen();
        assertThat(heard).hasValue(3);
    }

    @Test
    void aSuccessThatIsNotSlowAllocatesNothing() {
        CircuitBreaker breaker = registry.circuitBreaker("hot");
        EventRecorder recorder = new EventRecorder(breaker, Clock.systemUTC(), 10, () -> { });
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        for (int i = 0; i < 100_000; i++) {
            recorder.onSuccess(breaker, 1_000);
        }
        long before = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < 1_000_000; i++) {
            recorder.onSuccess(breaker, 99_999_999);
        }
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        recorder.stop();
        assertThat(allocated).as("bytes for a million fast successes: less than one a call (an object is 16 or more)")
                .isLessThan(1_000_000);
        assertThat(recorder.buffer().events()).isEmpty();
    }

    @Test
    void eventFieldsCarryOnlyWhatTheTypeHas() {
        CircuitBreaker breaker = registry.circuitBreaker("fields");
        fail(breaker, new IOException("no"), 2);
        breaker.transitionToOpen();
        catchThrowable(() -> breaker.run(() -> { }));
        List<CircuitBreakerEvent> events = log.events("fields").orElseThrow();
        assertThat(EventFields.of(events.get(0))).containsExactly(Map.entry("type", "ERROR"),
                Map.entry("timestamp", "2026-12-01T10:15:30.123Z"), Map.entry("errorMessage", "java.io.IOException: no"),
                Map.entry("durationMs", 2.0));
        assertThat(EventFields.of(events.get(1))).containsExactly(Map.entry("type", "STATE_TRANSITION"),
                Map.entry("timestamp", "2026-12-01T10:15:30.123Z"), Map.entry("from", "CLOSED"), Map.entry("to", "OPEN"));
        assertThat(EventFields.withName(events.get(2))).containsExactly(Map.entry("name", "fields"),
                Map.entry("type", "NOT_PERMITTED"), Map.entry("timestamp", "2026-12-01T10:15:30.123Z"));
    }

    private void succeed(CircuitBreaker breaker, long millis) {
        breaker.run(() -> nanos.addAndGet(Duration.ofMillis(millis).toNanos()));
    }

    private void fail(CircuitBreaker breaker, Exception error, long millis) {
        catchThrowable(() -> breaker.call(() -> {
            nanos.addAndGet(Duration.ofMillis(millis).toNanos());
            throw error;
        }));
    }
}
