package dev.circuitbreaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link CircuitBreakerRegistry#reconfigure}: a live breaker takes a new config and loses nothing. */
class ReconfigureTest {

    final FakeTicker ticker = new FakeTicker();
    final CircuitBreakerRegistry registry = CircuitBreakerRegistry.builder().ticker(ticker).build();

    @Test
    void theSameInstanceKeepsCountersHistoryListenersAndItsOpenStateWithTheRemainingWait() {
        CircuitBreaker cb = registry.circuitBreaker("payments", CircuitBreakerConfig.builder().failureThreshold(2).build());
        List<String> heard = new ArrayList<>();
        cb.addListener(new CircuitBreakerListener() {
            @Override
            public void onStateTransition(CircuitBreaker breaker, CircuitState from, CircuitState to) {
                heard.add(from + "->" + to);
            }
        });
        Calls.succeed(cb);
        Calls.fail(cb, 2);
        ticker.advance(Duration.ofSeconds(2));

        CircuitBreaker same = registry.reconfigure("payments", CircuitBreakerConfig.builder().failureThreshold(5)
                .slidingWindowSize(20).waitDurationInOpenState(Duration.ofSeconds(30)).historySize(50).build());

        assertThat(same).isSameAs(cb).isSameAs(registry.find("payments").orElseThrow());
        assertThat(cb.config().failureThreshold()).isEqualTo(5);
        assertThat(cb.state()).isEqualTo(CircuitState.OPEN);
        assertThat(cb.stats().remainingWait()).as("the OPEN period keeps its wait").isEqualTo(Duration.ofSeconds(3));
        assertThat(cb.stats().totalCalls()).isEqualTo(3);
        assertThat(cb.history()).hasSize(3);
        ticker.advance(Duration.ofSeconds(3));
        Calls.succeed(cb, 2);
        assertThat(heard).containsExactly("CLOSED->OPEN", "OPEN->HALF_OPEN", "HALF_OPEN->CLOSED");
        assertThat(cb.history()).hasSize(5);
    }

    @Test
    void aWindowOfTheSameShapeKeepsItsCallsAndIsJudgedByTheNewRulesFromTheNextOutcome() {
        CircuitBreaker cb = registry.circuitBreaker("payments", CircuitBreakerConfig.builder().failureThreshold(3).build());
        Calls.fail(cb, 2);
        registry.reconfigure("payments", CircuitBreakerConfig.builder().failureThreshold(2).build());
        assertThat(cb.stats().bufferedFailedCalls()).isEqualTo(2);
        assertThat(cb.state()).as("nothing decides until the next outcome").isEqualTo(CircuitState.CLOSED);
        Calls.succeed(cb);
        assertThat(cb.state()).isEqualTo(CircuitState.OPEN);
    }

    /** The lock-free success path of a time window must not skip the first judgement by the new rules. */
    @Test
    void aTimeWindowIsJudgedByTheNewRulesAtTheNextSuccessToo() {
        CircuitBreakerConfigBuilder time = CircuitBreakerConfig.builder().slidingWindow(SlidingWindowType.TIME_BASED, 10);
        CircuitBreaker cb = registry.circuitBreaker("payments", time.failureThreshold(3).build());
        Calls.fail(cb, 2);
        Calls.succeed(cb);
        registry.reconfigure("payments", time.failureThreshold(2).build());
        Calls.succeed(cb);
        assertThat(cb.state()).isEqualTo(CircuitState.OPEN);
    }

    @Test
    void aWindowWhoseShapeChangedStartsEmpty() {
        CircuitBreaker cb = registry.circuitBreaker("payments", CircuitBreakerConfig.builder().failureThreshold(3).build());
        Calls.fail(cb, 2);
        registry.reconfigure("payments", CircuitBreakerConfig.builder().failureThreshold(3)
                .slidingWindow(SlidingWindowType.TIME_BASED, 10).build());
        assertThat(cb.stats().bufferedCalls()).isZero();
        assertThat(cb.stats().failedCalls()).as("cumulative counters carry on").isEqualTo(2);
        Calls.fail(cb, 2);
        assertThat(cb.state()).isEqualTo(CircuitState.CLOSED);
        Calls.fail(cb);
        assertThat(cb.state()).isEqualTo(CircuitState.OPEN);
    }

    @Test
    void aGroupTakesTheNewRulesForEveryMemberAndEachKeepsItsHistorySize() {
        CircuitBreakerConfig grouped = CircuitBreakerConfig.builder().group("bank").build();
        CircuitBreaker first = registry.circuitBreaker("first", grouped);
        CircuitBreaker second = registry.circuitBreaker("second", grouped.toBuilder().historySize(5).build());
        List<String> reconfigured = new ArrayList<>();
        registry.addListener(new RegistryListener() {
            @Override
            public void onReconfigured(CircuitBreaker breaker, CircuitBreakerConfig previous) {
                reconfigured.add(breaker.name() + " " + previous.failureThreshold() + "->" + breaker.config().failureThreshold());
            }
        });

        registry.reconfigure("first", grouped.toBuilder().failureThreshold(1).build());

        assertThat(second.config().failureThreshold()).isEqualTo(1);
        assertThat(second.config().historySize()).isEqualTo(5);
        assertThat(reconfigured).containsExactlyInAnyOrder("first 3->1", "second 3->1");
        Calls.fail(second);
        assertThat(first.state()).isEqualTo(CircuitState.OPEN);
        assertThat(registry.circuitBreaker("third", second.config().toBuilder().historySize(100).build()))
                .as("a new member must agree with the new rules").isNotNull();
    }

    @Test
    void refusalsNameTheProblemAndLeaveTheOldConfigInForce() {
        CircuitBreakerConfig original = CircuitBreakerConfig.builder().failureThreshold(2).build();
        CircuitBreaker cb = registry.circuitBreaker("payments", original);

        assertThatThrownBy(() -> registry.reconfigure("nope", original))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'nope'");
        assertThatThrownBy(() -> registry.reconfigure("payments", original.toBuilder().group("bank").build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("group");
        assertThatThrownBy(() -> registry.reconfigure("payments", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("config");
        assertThatThrownBy(() -> CircuitBreakerConfig.builder().failureThreshold(-1))
                .as("an invalid config never gets this far: the builder refuses it")
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(cb.config()).isEqualTo(original);
    }

    @Test
    void aSmallerHistoryKeepsTheNewestEntriesAndALargerOneKeepsThemAll() {
        CircuitBreaker cb = registry.circuitBreaker("payments", CircuitBreakerConfig.builder().historySize(4).build());
        Calls.succeed(cb, 4);
        registry.reconfigure("payments", CircuitBreakerConfig.builder().historySize(2).build());
        assertThat(cb.history()).hasSize(2);
        registry.reconfigure("payments", CircuitBreakerConfig.builder().historySize(10).build());
        Calls.succeed(cb, 3);
        assertThat(cb.history()).hasSize(5);
        assertThat(cb.stats().successfulCalls()).isEqualTo(7);
        registry.reconfigure("payments", CircuitBreakerConfig.builder().historySize(0).build());
        Calls.succeed(cb);
        assertThat(cb.history()).isEmpty();
        assertThat(cb.stats().successfulCalls()).isEqualTo(8);
    }
}
