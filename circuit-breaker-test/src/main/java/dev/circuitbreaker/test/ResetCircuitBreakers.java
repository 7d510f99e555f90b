package dev.circuitbreaker.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a Spring test class: before each test method, every breaker of every
 * {@link dev.circuitbreaker.CircuitBreakerRegistry} bean of the test's application context is
 * {@linkplain dev.circuitbreaker.CircuitBreaker#reset() reset} (CLOSED, counters and history cleared), breakers
 * created at run time included. Tests that share a cached context then start from fresh breakers whatever the test
 * before them did, without dirtying (and so rebuilding) the context.
 *
 * <pre>{@code
 * @SpringBootTest
 * @ResetCircuitBreakers
 * class PaymentsTests { ... }
 * }</pre>
 *
 * <p>Nothing else is needed: {@link ResetCircuitBreakersTestExecutionListener} is registered with Spring's
 * TestContext framework through {@code META-INF/spring.factories}. The reset runs in the listener's
 * {@code beforeTestMethod}, so before JUnit's {@code @BeforeEach} methods, which can then set breakers up. The
 * annotation is inherited by subclasses and, following {@code @NestedTestConfiguration}, by {@code @Nested} test
 * classes; it may also be used as a meta-annotation. A test class carrying it whose context has no
 * {@code CircuitBreakerRegistry} bean fails with an {@link IllegalStateException} naming the class.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface ResetCircuitBreakers {
}
