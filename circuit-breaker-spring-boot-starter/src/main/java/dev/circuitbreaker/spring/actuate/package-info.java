/**
 * Actuator adapters: the {@code circuitbreakers} endpoint (plain records and maps of numbers and strings, no
 * Jackson types) and the opt-in health indicator.
 */
package dev.circuitbreaker.spring.actuate;
