/**
 * The circuit breaker's public API: {@link dev.circuitbreaker.CircuitBreaker}, its
 * {@link dev.circuitbreaker.CircuitBreakerConfig} and {@link dev.circuitbreaker.CircuitBreakerRegistry}, the
 * {@link dev.circuitbreaker.CircuitState}s, stats, history and listener types. No dependencies beyond the JDK.
 */
package dev.circuitbreaker;
