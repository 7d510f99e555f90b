/**
 * Auto-configuration of the starter, one class per concern (breakers, annotation advice, endpoint, meters, health),
 * the {@code circuitbreaker.*} properties, their mapping onto the core config builder, and the failure analyzers
 * that explain a bad configuration at startup.
 */
package dev.circuitbreaker.spring.autoconfigure;
