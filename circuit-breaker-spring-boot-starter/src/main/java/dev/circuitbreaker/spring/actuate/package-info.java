/**
 * Actuator adapters: the {@code circuitbreakers} endpoint (plain records and maps of numbers and strings, no
 * Jackson types) and the opt-in health: {@link dev.circuitbreaker.spring.actuate.CircuitBreakersHealth} computes it
 * without Boot types, and one small indicator per Spring Boot line (Boot 3 and Boot 4 keep their health API in
 * different packages) reports it.
 */
package dev.circuitbreaker.spring.actuate;
