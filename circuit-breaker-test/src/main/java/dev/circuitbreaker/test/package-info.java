/**
 * Support for tests of code that uses circuit breakers: {@link dev.circuitbreaker.test.ManualTicker} (breaker time
 * moved by hand, so no test sleeps through an open wait), {@link dev.circuitbreaker.test.CircuitBreakerAssert}
 * (AssertJ assertions on a breaker's state and counters) and {@link dev.circuitbreaker.test.ResetCircuitBreakers}
 * (every breaker of a Spring test's application context reset before each test method).
 *
 * <p>Add the module with test scope. It depends on the core and AssertJ; the Spring part needs {@code spring-test},
 * which Spring tests have anyway.
 */
package dev.circuitbreaker.test;
