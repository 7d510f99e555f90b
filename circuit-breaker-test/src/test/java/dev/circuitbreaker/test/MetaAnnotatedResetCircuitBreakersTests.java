package dev.circuitbreaker.test;

import static dev.circuitbreaker.test.CircuitBreakerAssert.assertThat;

import dev.circuitbreaker.CircuitBreakerRegistry;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

/** The annotation used as a meta-annotation on a team's own test annotation. */
@MetaAnnotatedResetCircuitBreakersTests.BreakerTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MetaAnnotatedResetCircuitBreakersTests {

    /** A composed test annotation; the property only gives this class a context of its own. */
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @SpringJUnitConfig(SingleRegistry.class)
    @TestPropertySource(properties = "context=meta")
    @ResetCircuitBreakers
    @interface BreakerTest {
    }

    @Autowired
    CircuitBreakerRegistry registry;

    @Test
    @Order(1)
    void tripsABreaker() {
        Breakers.trip(registry.circuitBreaker("meta"));
        assertThat(registry.circuitBreaker("meta")).isOpen();
    }

    @Test
    @Order(2)
    void findsItReset() {
        assertThat(registry.circuitBreaker("meta")).isClosed().hasFailedCalls(0);
    }
}
