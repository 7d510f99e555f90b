package dev.circuitbreaker.test;

import static dev.circuitbreaker.test.CircuitBreakerAssert.assertThat;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** The annotation is inherited from a superclass, and every registry of the context is reset. */
class InheritedResetCircuitBreakersTests extends AnnotatedTestBase {

    @Test
    @Order(1)
    void tripsABreakerInEachRegistry() {
        Breakers.trip(first.circuitBreaker("a"));
        Breakers.trip(second.circuitBreaker("b"));
        assertThat(first.circuitBreaker("a")).isOpen();
        assertThat(second.circuitBreaker("b")).isOpen();
    }

    @Test
    @Order(2)
    void findsBothReset() {
        assertThat(first.circuitBreaker("a")).isClosed().hasFailedCalls(0);
        assertThat(second.circuitBreaker("b")).isClosed().hasFailedCalls(0);
    }
}
