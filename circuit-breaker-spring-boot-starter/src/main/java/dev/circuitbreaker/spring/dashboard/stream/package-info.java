/**
 * The dashboard's event stream without a web stack: {@link dev.circuitbreaker.spring.dashboard.stream.DashboardEventStream}
 * reads the event log and the breakers' stats on a thread of its own and queues JSON lines for each connected
 * {@link dev.circuitbreaker.spring.dashboard.stream.StreamClient}, which a Spring MVC or WebFlux adapter sends.
 * No Jackson: the lines are written once by a small JSON writer, so the stream is the same on Boot 3 and Boot 4.
 */
package dev.circuitbreaker.spring.dashboard.stream;
