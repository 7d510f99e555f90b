/**
 * Project Reactor support: {@link dev.circuitbreaker.reactor.CircuitBreakerOperator} guards a {@code Mono} or
 * {@code Flux} with a circuit breaker per subscription. Depends on the core and reactor-core only; usable without
 * Spring.
 */
package dev.circuitbreaker.reactor;
