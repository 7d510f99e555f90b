package dev.circuitbreaker.test;

import dev.circuitbreaker.CircuitBreaker;
import dev.circuitbreaker.CircuitBreakerRegistry;
import java.util.Map;
import org.springframework.beans.factory.BeanFactoryUtils;
import org.springframework.context.ApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * Implements {@link ResetCircuitBreakers}: before each test method of a class that carries the annotation (directly,
 * inherited, on an enclosing class of a {@code @Nested} test or as a meta-annotation), resets every breaker of every
 * {@link CircuitBreakerRegistry} bean of the test's application context and its ancestors. Test classes without the
 * annotation are left alone (their context is not even touched). Registered through {@code META-INF/spring.factories};
 * stateless and thread-safe.
 */
public class ResetCircuitBreakersTestExecutionListener extends AbstractTestExecutionListener {

    /**
     * The order of this listener: {@value}, after Spring's own listeners (dependency injection, transactions and
     * {@code @Sql} scripts) and before listeners of the default, lowest, precedence.
     */
    public static final int ORDER = Ordered.LOWEST_PRECEDENCE - 200;

    /** Creates the listener; Spring's TestContext framework does, through {@code META-INF/spring.factories}. */
    public ResetCircuitBreakersTestExecutionListener() {
    }

    /** Returns {@link #ORDER}. */
    @Override
    public int getOrder() {
        return ORDER;
    }

    /**
     * Resets the breakers if the test class asks for it.
     *
     * @throws IllegalStateException if the class carries {@link ResetCircuitBreakers} but its application context has
     *     no {@link CircuitBreakerRegistry} bean
     */
    @Override
    public void beforeTestMethod(TestContext testContext) {
        Class<?> testClass = testContext.getTestClass();
        if (TestContextAnnotationUtils.findMergedAnnotation(testClass, ResetCircuitBreakers.class) == null) {
            return;
        }
        ApplicationContext context = testContext.getApplicationContext();
        Map<String, CircuitBreakerRegistry> registries =
                BeanFactoryUtils.beansOfTypeIncludingAncestors(context, CircuitBreakerRegistry.class);
        if (registries.isEmpty()) {
            throw new IllegalStateException("@ResetCircuitBreakers on " + testClass.getName() + ", but its application "
                    + "context has no CircuitBreakerRegistry bean to reset (is the circuit breaker starter on the class "
                    + "path and circuitbreaker.enabled not false?)");
        }
        registries.values().forEach(registry -> registry.all().forEach(CircuitBreaker::reset));
    }
}
