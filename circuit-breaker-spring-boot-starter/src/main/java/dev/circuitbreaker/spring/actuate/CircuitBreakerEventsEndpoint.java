package dev.circuitbreaker.spring.actuate;

import dev.circuitbreaker.spring.events.CircuitBreakerEvent;
import dev.circuitbreaker.spring.events.CircuitBreakerEventLog;
import dev.circuitbreaker.spring.events.EventFields;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * The {@code circuitbreakerevents} endpoint: each breaker's last events, oldest first, from the
 * {@link CircuitBreakerEventLog}. Read-only; unknown names are 404 and no request creates a breaker. Error text is
 * the core's masked and truncated {@code ClassName: message}. Thread-safe.
 */
@Endpoint(id = "circuitbreakerevents", defaultAccess = Access.READ_ONLY)
public class CircuitBreakerEventsEndpoint {

    private final CircuitBreakerEventLog log;

    /** @param log the event log whose events the endpoint shows */
    public CircuitBreakerEventsEndpoint(CircuitBreakerEventLog log) {
        this.log = log;
    }

    /** {@return every breaker's events, by name} */
    @ReadOperation
    public EventsByBreaker all() {
        Map<String, List<Map<String, Object>>> events = new LinkedHashMap<>();
        log.all().forEach((name, list) -> events.put(name, fields(list)));
        return new EventsByBreaker(events);
    }

    /**
     * @param name the breaker's name
     * @return its events, or {@code null} (404) for an unknown name
     */
    @ReadOperation
    public BreakerEvents breaker(@Selector String name) {
        return log.events(name).map(list -> new BreakerEvents(name, fields(list))).orElse(null);
    }

    private static List<Map<String, Object>> fields(List<CircuitBreakerEvent> events) {
        return events.stream().map(EventFields::of).toList();
    }

    /** The body of {@code GET /actuator/circuitbreakerevents}. */
    public record EventsByBreaker(Map<String, List<Map<String, Object>>> circuitBreakerEvents) {
    }

    /** The body of {@code GET /actuator/circuitbreakerevents/{name}}. */
    public record BreakerEvents(String name, List<Map<String, Object>> events) {
    }
}
