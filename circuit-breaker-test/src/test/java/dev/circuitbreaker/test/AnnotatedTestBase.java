package dev.circuitbreaker.test;

import dev.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

/** A base class carrying the annotation, for {@link InheritedResetCircuitBreakersTests}; its context has two registries. */
@SpringJUnitConfig
@ResetCircuitBreakers
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class AnnotatedTestBase {

    @Configuration(proxyBeanMethods = false)
    static class TwoRegistries {

        @Bean
        CircuitBreakerRegistry first() {
            return CircuitBreakerRegistry.ofDefaults();
        }

        @Bean
        CircuitBreakerRegistry second() {
            return CircuitBreakerRegistry.ofDefaults();
        }
    }

    @Autowired
    @Qualifier("first")
    CircuitBreakerRegistry first;

    @Autowired
    @Qualifier("second")
    CircuitBreakerRegistry second;
}
