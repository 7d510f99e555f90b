/**
 * Spring Cloud Gateway adapters: the WebFlux {@code CircuitBreaker} route filter on the registry's breakers, and for
 * both Gateway flavours a rejection by a breaker answering 503 Service Unavailable on a route, as a downstream that is
 * known to be down should, instead of the 500 Gateway gives every exception it does not know.
 */
package dev.circuitbreaker.spring.cloud.gateway;
