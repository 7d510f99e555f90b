package dev.circuitbreaker.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.TestContextManager;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

/** The listener's registration and its failure for a context without a registry, through Spring's TestContextManager. */
class ResetCircuitBreakersListenerTests {

    @Configuration(proxyBeanMethods = false)
    static class NoRegistry {
    }

    @SpringJUnitConfig(NoRegistry.class)
    @ResetCircuitBreakers
    static class AnnotatedWithoutRegistry {

        void aTest() {
        }
    }

    @Test
    void theListenerIsRegisteredThroughSpringFactoriesWithoutAnyAnnotation() {
        assertThat(new TestContextManager(ResetCircuitBreakersListenerTests.class).getTestExecutionListeners())
                .hasAtLeastOneElementOfType(ResetCircuitBreakersTestExecutionListener.class);
    }

    @Test
    void anAnnotatedClassWhoseContextHasNoRegistryFailsNamingTheClass() throws Exception {
        TestContextManager manager = new TestContextManager(AnnotatedWithoutRegistry.class);
        AnnotatedWithoutRegistry instance = new AnnotatedWithoutRegistry();
        manager.prepareTestInstance(instance);
        assertThatThrownBy(() -> manager.beforeTestMethod(instance,
                AnnotatedWithoutRegistry.class.getDeclaredMethod("aTest")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("@ResetCircuitBreakers on " + AnnotatedWithoutRegistry.class.getName()
                        + ", but its application context has no CircuitBreakerRegistry bean");
    }
}
