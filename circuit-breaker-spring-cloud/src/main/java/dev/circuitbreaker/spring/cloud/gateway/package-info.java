/**
 * Spring Cloud Gateway adapters: a rejection by a breaker answers 503 Service Unavailable on a Gateway route, as a
 * downstream that is known to be down should, instead of the 500 Gateway gives every exception it does not know.
 */
package dev.circuitbreaker.spring.cloud.gateway;
