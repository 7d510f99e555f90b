/**
 * The starter's public annotation, {@link dev.circuitbreaker.spring.CircuitBreaker}: put it on a bean method or
 * class and calls go through the named breaker of the application's
 * {@link dev.circuitbreaker.CircuitBreakerRegistry}.
 */
package dev.circuitbreaker.spring;
