package dev.circuitbreaker.test;

import static dev.circuitbreaker.test.CircuitBreakerAssert.assertThat;

import dev.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

/** Without the annotation the listener leaves the breakers alone: a breaker tripped by one test is OPEN in the next. */
@SpringJUnitConfig
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WithoutResetCircuitBreakersTests {

    @Configuration(proxyBeanMethods = false)
    static class OwnRegistry {

        @Bean
        CircuitBreakerRegistry circuitBreakerRegistry() {
            return CircuitBreakerRegistry.ofDefaults();
        }
    }

    @Autowired
    CircuitBreakerRegistry registry;

    @Test
    @Order(1)
    void tripsABreaker() {
        Breakers.trip(registry.circuitBreaker("payments"));
    }

    @Test
    @Order(2)
    void findsItStillOpen() {
        assertThat(registry.circuitBreaker("payments")).isOpen().hasFailedCalls(3);
    }
}
