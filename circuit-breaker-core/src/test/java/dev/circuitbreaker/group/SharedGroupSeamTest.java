package dev.circuitbreaker.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.circuitbreaker.CallNotPermittedException;
import dev.circuitbreaker.CircuitBreaker;
import dev.circuitbreaker.CircuitBreakerConfig;
import dev.circuitbreaker.CircuitBreakerListener;
import dev.circuitbreaker.CircuitBreakerRegistry;
import dev.circuitbreaker.CircuitState;
import dev.circuitbreaker.FakeTicker;
import dev.circuitbreaker.GroupTransition;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The core's side of a shared group, driven by hand: what it tells the store and how it installs the store's word. */
class SharedGroupSeamTest {

    final FakeTicker ticker = new FakeTicker();
    final RecordingGroupStore store = new RecordingGroupStore();
    final CircuitBreakerRegistry registry = CircuitBreakerRegistry.builder().ticker(ticker).groupStore(store)
            .sharedGroup("g", SharedGroupConfig.ofDefaults()).build();
    final CircuitBreakerConfig config = CircuitBreakerConfig.builder().group("g").failureThreshold(2)
            .waitDurationInOpenState(Duration.ofSeconds(5)).successThreshold(1).build();
    final CircuitBreaker a = registry.circuitBreaker("a", config);
    final CircuitBreaker b = registry.circuitBreaker("b", config);
    final List<String> heard = new CopyOnWriteArrayList<>();

    SharedGroupSeamTest() {
        a.addListener(new CircuitBreakerListener() {
            @Override
            public void onGroupTransition(CircuitBreaker breaker, CircuitState from, CircuitState to, GroupTransition origin) {
                heard.add(from + ">" + to + "@" + origin.instance() + (origin.remote() ? " remote " : " local ") + origin.epoch());
            }
        });
    }

    @Test
    void aLocalTripIsInstalledAtOnceAndThenToldToTheStoreOnTheDecidingThread() {
        fail(a, 2);
        assertThat(a.state()).isEqualTo(CircuitState.OPEN);
        assertThat(b.state()).isEqualTo(CircuitState.OPEN); // one group in this registry
        LocalDecision trip = store.last();
        assertThat(trip.state()).isEqualTo(GroupState.OPEN);
        assertThat(trip.cause()).isEqualTo(LocalDecision.Cause.TRIPPED);
        assertThat(trip.openWaitNanos()).isEqualTo(Duration.ofSeconds(5).toNanos());
        assertThat(trip.remainingNanos()).isEqualTo(Duration.ofSeconds(5).toNanos());
        assertThat(trip.seq()).isEqualTo(store.group.current().seq());
        assertThat(store.threads).containsOnly(Thread.currentThread().getName());
        assertThat(heard).containsExactly("CLOSED>OPEN@me local 0");
    }

    @Test
    void aRemoteOpenBecomesADeadlineOnTheLocalTickerAndListenersHearWhoDecidedIt() {
        long seq = store.group.current().seq();
        long installed = store.group.install(new GroupDecision(GroupState.OPEN, Duration.ofSeconds(2).toNanos(),
                Duration.ofSeconds(8).toNanos(), "peer", 41), seq);
        assertThat(installed).isEqualTo(seq + 1);
        assertThat(a.state()).isEqualTo(CircuitState.OPEN);
        assertThat(a.stats().remainingWait()).isEqualTo(Duration.ofSeconds(2));
        assertThat(heard).containsExactly("CLOSED>OPEN@peer remote 41");
        assertThat(store.decisions).isEmpty(); // the store's own decision is not told back to it
        // the group's wait (8 s) is the base of the backoff, not the 2 s left of it
        assertThat(store.group.current().openWaitNanos()).isEqualTo(Duration.ofSeconds(8).toNanos());
    }

    @Test
    void aStoreDecisionTakenWithoutKnowledgeOfANewerLocalDecisionIsRefused() {
        long seqBefore = store.group.current().seq();
        fail(a, 2); // a local trip the store has not answered yet
        long installed = store.group.install(new GroupDecision(GroupState.CLOSED, 0, 0, "peer", 9), seqBefore);
        assertThat(installed).isEqualTo(-1);
        assertThat(a.state()).isEqualTo(CircuitState.OPEN);
    }

    @Test
    void withTheStoreAvailableAnOverWaitAsksForTheGroupsTrialAndRejectsUntilTheAnswer() {
        store.group.storeAvailable(true);
        fail(a, 2);
        ticker.advance(Duration.ofSeconds(5));
        assertThatThrownBy(() -> a.run(() -> { })).isInstanceOf(CallNotPermittedException.class);
        LocalDecision wanted = store.last();
        assertThat(wanted.cause()).isEqualTo(LocalDecision.Cause.TRIAL_WANTED);
        assertThat(a.state()).isEqualTo(CircuitState.OPEN);
        assertThat(heard).containsExactly("CLOSED>OPEN@me local 0"); // re-arming is no transition

        // the store grants the trial: HALF_OPEN, and the trial's verdict is told to the store
        store.group.install(new GroupDecision(GroupState.HALF_OPEN, 0, 0, "me", 12), wanted.seq());
        assertThat(a.state()).isEqualTo(CircuitState.HALF_OPEN);
        a.run(() -> { });
        assertThat(a.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(store.last().cause()).isEqualTo(LocalDecision.Cause.TRIAL_PASSED);
        assertThat(heard).containsExactly("CLOSED>OPEN@me local 0", "OPEN>HALF_OPEN@me local 12", "HALF_OPEN>CLOSED@me local 0");
    }

    @Test
    void aStoreThatDoesNotAnswerInTimeLeavesTheInstanceToATrialOfItsOwn() {
        store.group.storeAvailable(true);
        fail(a, 2);
        ticker.advance(Duration.ofSeconds(5));
        assertThatThrownBy(() -> a.run(() -> { })).isInstanceOf(CallNotPermittedException.class);
        ticker.advance(Duration.ofMillis(299));
        assertThatThrownBy(() -> a.run(() -> { })).isInstanceOf(CallNotPermittedException.class);
        ticker.advance(Duration.ofMillis(1));
        a.run(() -> { }); // the answer timeout (300 ms) is over: a local trial, which passes
        assertThat(a.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(store.decisions).extracting(LocalDecision::cause).containsExactly(LocalDecision.Cause.TRIPPED,
                LocalDecision.Cause.TRIAL_WANTED, LocalDecision.Cause.LOCAL_TRIAL, LocalDecision.Cause.TRIAL_PASSED);
    }

    @Test
    void withTheStoreUnavailableTheGroupRunsExactlyAsAnInMemoryGroup() {
        fail(a, 2);
        ticker.advance(Duration.ofSeconds(5));
        a.run(() -> { }); // the first call after the wait is the trial, as in memory
        assertThat(a.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(store.decisions).extracting(LocalDecision::cause).containsExactly(LocalDecision.Cause.TRIPPED,
                LocalDecision.Cause.LOCAL_TRIAL, LocalDecision.Cause.TRIAL_PASSED);
    }

    @Test
    void manualTransitionsAreDecisionsForTheStore() {
        a.forceOpen();
        a.reset();
        b.transitionToOpen();
        assertThat(store.decisions).extracting(LocalDecision::cause).containsOnly(LocalDecision.Cause.MANUAL);
        assertThat(store.decisions).extracting(LocalDecision::state)
                .containsExactly(GroupState.FORCED_OPEN, GroupState.CLOSED, GroupState.OPEN);
    }

    @Test
    void theRegistryReportsTheStoresStatusAndDetachesAGroupWithoutMembers() {
        assertThat(registry.groupStatus("g")).hasValueSatisfying(s -> assertThat(s.epoch()).isEqualTo(7));
        assertThat(registry.groupStatus("other")).isEmpty();
        assertThat(registry.sharedGroups()).containsOnlyKeys("g");
        registry.remove("a");
        assertThat(store.detached).isFalse();
        registry.remove("b");
        assertThat(store.detached).isTrue();
        assertThat(store.closed).as("the registry does not close a store it was given").isFalse();
    }

    @Test
    void sharedGroupsNeedAStoreAndValidSettings() {
        assertThatThrownBy(() -> CircuitBreakerRegistry.builder().sharedGroup("g", SharedGroupConfig.ofDefaults()).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("groupStore");
        assertThatThrownBy(() -> SharedGroupConfig.builder().quorum(0)).hasMessage("quorum must be at least 1 but was 0");
        assertThatThrownBy(() -> SharedGroupConfig.builder().trialLease(Duration.ZERO))
                .hasMessage("trialLease must be between 1ms and 1d but was PT0S");
        assertThatThrownBy(() -> SharedGroupConfig.builder().quorumWindow(null))
                .hasMessage("quorumWindow must be between 1ms and 1d but was null");
    }

    @Test
    void anUnsharedGroupTellsNoStoreAnything() {
        CircuitBreaker plain = registry.circuitBreaker("plain", CircuitBreakerConfig.builder().group("local").failureThreshold(1).build());
        fail(plain, 1);
        assertThat(plain.state()).isEqualTo(CircuitState.OPEN);
        assertThat(store.decisions).isEmpty();
    }

    private static void fail(CircuitBreaker breaker, int times) {
        for (int i = 0; i < times; i++) {
            try {
                breaker.run(() -> {
                    throw new IllegalStateException("boom");
                });
            } catch (IllegalStateException expected) {
                // counted
            }
        }
    }
}
