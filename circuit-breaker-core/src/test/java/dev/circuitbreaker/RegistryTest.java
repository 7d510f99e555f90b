package dev.circuitbreaker;

import static dev.circuitbreaker.Calls.fail;
import static dev.circuitbreaker.Calls.rejected;
import static dev.circuitbreaker.Calls.succeed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegistryTest {

    final FakeTicker ticker = new FakeTicker();
    final CircuitBreakerRegistry registry = CircuitBreakerRegistry.builder().ticker(ticker)
            .defaultConfig(CircuitBreakerConfig.builder().failureThreshold(2).build()).build();
    final CircuitBreakerConfig grouped = CircuitBreakerConfig.builder().failureThreshold(2).group("payments-cluster").build();

    @Test
    void breakersAreCreatedOnceByNameWithTheDefaultConfig() {
        CircuitBreaker a = registry.circuitBreaker("a");
        assertThat(registry.circuitBreaker("a")).isSameAs(a);
        assertThat(a.config()).isEqualTo(registry.defaultConfig());
        assertThat(registry.find("a")).containsSame(a);
        assertThat(registry.find("nope")).isEmpty();
        assertThat(registry.all()).containsExactly(a);
    }

    @Test
    void askingForAnExistingNameWithAnEqualConfigReturnsItAndWithAnotherConfigFails() {
        CircuitBreakerConfig config = CircuitBreakerConfig.builder().failureThreshold(1).build();
        CircuitBreaker a = registry.circuitBreaker("a", config);
        assertThat(registry.circuitBreaker("a", CircuitBreakerConfig.builder().failureThreshold(1).build())).isSameAs(a);
        assertThatThrownBy(() -> registry.circuitBreaker("a", CircuitBreakerConfig.builder().failureThreshold(2).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'a' exists with a different config")
                .hasMessageContaining("failureThreshold (2 vs 1)");
    }

    @Test
    void findNeverCreatesABreaker() {
        for (int i = 0; i < 100; i++) {
            registry.find("ghost-" + i);
        }
        assertThat(registry.all()).isEmpty();
    }

    @Test
    void listenersHearBreakersAddedAndRemoved() {
        List<String> events = new ArrayList<>();
        registry.addListener(new RegistryListener() {
            @Override
            public void onAdded(CircuitBreaker breaker) {
                events.add("+" + breaker.name());
            }

            @Override
            public void onRemoved(CircuitBreaker breaker) {
                events.add("-" + breaker.name());
            }
        });
        registry.circuitBreaker("a");
        registry.circuitBreaker("a");
        registry.circuitBreaker("b");
        assertThat(registry.remove("a")).isPresent();
        assertThat(registry.remove("a")).isEmpty();
        assertThat(events).containsExactly("+a", "+b", "-a");
        assertThat(registry.all()).extracting(CircuitBreaker::name).containsExactly("b");
    }

    @Test
    void membersOfAGroupShareOneStateSoWhenOneTripsAllFailFast() {
        CircuitBreaker east = registry.circuitBreaker("east", grouped);
        CircuitBreaker west = registry.circuitBreaker("west", grouped);
        fail(east);
        fail(west);
        assertThat(east.state()).isEqualTo(CircuitState.OPEN);
        assertThat(west.state()).isEqualTo(CircuitState.OPEN);
        assertThat(rejected(west)).isTrue();
        ticker.advance(Duration.ofSeconds(5));
        succeed(east);
        succeed(west);
        assertThat(east.state()).isEqualTo(CircuitState.CLOSED);
    }

    @Test
    void eachGroupMemberKeepsItsOwnCountersHistoryAndHearsEveryTransition() {
        CircuitBreaker east = registry.circuitBreaker("east", grouped);
        CircuitBreaker west = registry.circuitBreaker("west", grouped.toBuilder().historySize(5).build());
        List<String> heard = new ArrayList<>();
        CircuitBreakerListener listener = new CircuitBreakerListener() {
            @Override
            public void onStateTransition(CircuitBreaker breaker, CircuitState from, CircuitState to) {
                heard.add(breaker.name() + ":" + to);
            }
        };
        east.addListener(listener);
        west.addListener(listener);
        fail(east, 2);
        rejected(west);
        assertThat(east.stats().failedCalls()).isEqualTo(2);
        assertThat(west.stats().failedCalls()).isZero();
        assertThat(west.stats().notPermittedCalls()).isEqualTo(1);
        assertThat(east.stats().bufferedFailedCalls()).as("the window is shared").isEqualTo(west.stats().bufferedFailedCalls());
        assertThat(east.history()).hasSize(2);
        assertThat(west.history()).isEmpty();
        assertThat(heard).containsExactlyInAnyOrder("east:OPEN", "west:OPEN");
    }

    @Test
    void aGroupMemberWhoseRulesDisagreeIsRejectedWhenCreated() {
        registry.circuitBreaker("east", grouped);
        assertThatThrownBy(() -> registry.circuitBreaker("west", grouped.toBuilder().failureThreshold(3).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'west' cannot join group 'payments-cluster'")
                .hasMessageContaining("failureThreshold (3 vs 2)");
        assertThat(registry.find("west")).isEmpty();
    }

    @Test
    void aGroupWithoutMembersIsForgottenSoItCanStartAfreshWithOtherRules() {
        registry.circuitBreaker("east", grouped);
        registry.remove("east");
        CircuitBreaker west = registry.circuitBreaker("west", grouped.toBuilder().failureThreshold(1).build());
        assertThat(west.state()).isEqualTo(CircuitState.CLOSED);
    }

    @Test
    void aRemovedMemberNoLongerHearsTheGroup() {
        CircuitBreaker east = registry.circuitBreaker("east", grouped);
        CircuitBreaker west = registry.circuitBreaker("west", grouped);
        List<String> heard = new ArrayList<>();
        east.addListener(new CircuitBreakerListener() {
            @Override
            public void onStateTransition(CircuitBreaker breaker, CircuitState from, CircuitState to) {
                heard.add(to.name());
            }
        });
        registry.remove("east");
        fail(west, 2);
        assertThat(heard).isEmpty();
    }

    @Test
    void aDefaultConfigNamingAGroupIsAnError() {
        assertThatThrownBy(() -> CircuitBreakerRegistry.of(grouped)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("defaultConfig must not name a group");
    }
}
