package dev.circuitbreaker.spring.events;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An event as the JSON object the endpoint and the event stream show: {@code type}, {@code timestamp} (ISO-8601),
 * then only what the type has: {@code from}/{@code to} (upper case) for transitions, {@code errorMessage} for
 * errors, {@code durationMs} for calls, {@code count} for a run of rejections counted into one event. Plain maps of strings and numbers, so any JSON writer renders them alike.
 */
public final class EventFields {

    private EventFields() {
    }

    /**
     * @param event an event
     * @return its fields, in the order above
     */
    public static Map<String, Object> of(CircuitBreakerEvent event) {
        return fields(event, new LinkedHashMap<>());
    }

    /**
     * @param event an event
     * @return its fields after {@code name}, the breaker's name: one line of the dashboard's event stream
     */
    public static Map<String, Object> withName(CircuitBreakerEvent event) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", event.breakerName());
        return fields(event, fields);
    }

    private static Map<String, Object> fields(CircuitBreakerEvent event, Map<String, Object> fields) {
        fields.put("type", event.type().name());
        fields.put("timestamp", event.timestamp().toString());
        if (event.from() != null) {
            fields.put("from", event.from().name());
            fields.put("to", event.to().name());
        }
        if (event.errorMessage() != null) {
            fields.put("errorMessage", event.errorMessage());
        }
        if (event.durationMs() >= 0) {
            fields.put("durationMs", event.durationMs());
        }
        if (event.count() > 1) {
            fields.put("count", event.count());
        }
        return fields;
    }
}
