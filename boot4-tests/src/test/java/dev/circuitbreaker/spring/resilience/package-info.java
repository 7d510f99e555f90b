/**
 * Boot 4.1 only: how {@code @CircuitBreaker} composes with Spring Framework 7's {@code @Retryable} and
 * {@code @ConcurrencyLimit} ({@code org.springframework.resilience}, absent from Spring Framework 6).
 */
package dev.circuitbreaker.spring.resilience;
