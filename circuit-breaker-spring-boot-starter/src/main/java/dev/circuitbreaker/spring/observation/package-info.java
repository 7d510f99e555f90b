/**
 * Micrometer Observation of guarded calls, opt-in with {@code circuitbreaker.observations.enabled=true}: each call
 * through an annotated method (and a Spring Cloud CircuitBreaker) is an observation {@code circuitbreaker.call} with
 * the low-cardinality keys {@code name}, {@code state} and {@code outcome}, so traces show which breaker ran or
 * rejected a call, and a {@code circuitbreaker.call} timer appears where no tracer is configured.
 */
package dev.circuitbreaker.spring.observation;
