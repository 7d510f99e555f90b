/**
 * Auto-configuration of the starter, one class per concern (breakers, annotation advice, endpoint, meters, health),
 * the {@code circuitbreaker.*} properties, their mapping onto the core config builder, and the failure analyzers
 * that explain a bad configuration at startup. Everything here runs on Spring Boot 3.5 and 4.1 alike; the one API
 * that differs between the lines, health, sits in {@code Boot3HealthIndicatorConfiguration} and
 * {@code Boot4HealthIndicatorConfiguration}, each behind a class condition on its line's {@code HealthIndicator}.
 */
package dev.circuitbreaker.spring.autoconfigure;
