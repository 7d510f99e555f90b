/**
 * The event log: each breaker's last {@value dev.circuitbreaker.spring.events.CircuitBreakerEventLog#EVENTS_PER_BREAKER}
 * events (state transitions, rejections, errors, ignored errors, slow calls), kept in a bounded buffer per breaker
 * that follows the registry (breakers created at run time get one, removed ones lose theirs). Error text is masked
 * and truncated as the core's history does. Plain Java on the core's listener API: the Actuator endpoint
 * ({@code circuitbreakerevents}) and the dashboard's event stream read it.
 */
package dev.circuitbreaker.spring.events;
