/**
 * Micrometer meters for every breaker of a registry ({@code circuitbreaker.*}, tag {@code name}), registered when a
 * breaker is created and removed with it.
 */
package dev.circuitbreaker.spring.metrics;
