package dev.circuitbreaker.test;

import static dev.circuitbreaker.test.CircuitBreakerAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.circuitbreaker.CircuitBreaker;
import dev.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

/**
 * {@link ResetCircuitBreakers} in a plain Spring context: the first test trips breakers (one configured, others
 * created at run time), the second finds every one of them reset. The test classes of this module each have a
 * context of their own, so none sees another's breakers whatever order JUnit runs them in.
 */
@SpringJUnitConfig(SingleRegistry.class)
@ResetCircuitBreakers
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ResetCircuitBreakersTests {

    @Autowired
    CircuitBreakerRegistry registry;

    int stateSeenByBeforeEach = -1;

    @BeforeEach
    void recordWhatBeforeEachSees() {
        stateSeenByBeforeEach = (int) registry.circuitBreaker("payments").stats().failedCalls();
    }

    @Test
    @Order(1)
    void tripsAConfiguredBreakerAndBreakersCreatedAtRunTime() {
        Breakers.trip(registry.circuitBreaker("payments"));
        Breakers.trip(registry.circuitBreaker("created-at-run-time"));
        registry.circuitBreaker("forced").forceOpen();
        assertThat(registry.circuitBreaker("payments")).isOpen().hasFailedCalls(3);
        assertThat(registry.circuitBreaker("created-at-run-time")).isOpen();
    }

    @Test
    @Order(2)
    void findsEveryBreakerClosedWithCountersAndHistoryClearedBeforeBeforeEachRan() {
        assertThat(registry.all()).extracting(CircuitBreaker::name)
                .containsExactly("created-at-run-time", "forced", "payments");
        for (CircuitBreaker breaker : registry.all()) {
            assertThat(breaker).isClosed().hasTotalCalls(0).hasBufferedCalls(0).hasHistorySize(0);
        }
        assertThat(stateSeenByBeforeEach).as("@BeforeEach already saw the reset breaker").isZero();
    }

    @Nested
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class InANestedClass {

        @Test
        @Order(1)
        void tripsABreaker() {
            Breakers.trip(registry.circuitBreaker("nested"));
            assertThat(registry.circuitBreaker("nested")).isOpen();
        }

        @Test
        @Order(2)
        void theResetIsInheritedFromTheEnclosingClass() {
            assertThat(registry.circuitBreaker("nested")).isClosed().hasFailedCalls(0);
        }
    }
}
