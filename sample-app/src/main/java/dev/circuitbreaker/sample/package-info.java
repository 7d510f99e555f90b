/**
 * The sample payments service. It uses only the starter's public API: {@code @CircuitBreaker}, the
 * {@code circuitbreaker.*} properties, the Actuator endpoint and the dashboard.
 */
package dev.circuitbreaker.sample;
