package dev.circuitbreaker.spring.dashboard.stream;

import dev.circuitbreaker.CircuitBreaker;
import dev.circuitbreaker.CircuitBreakerConfig;
import dev.circuitbreaker.CircuitBreakerRegistry;
import dev.circuitbreaker.group.GroupStoreStatus;
import dev.circuitbreaker.spring.actuate.BreakerStats;
import dev.circuitbreaker.spring.events.CircuitBreakerEvent;
import dev.circuitbreaker.spring.events.EventFields;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The lines of the event stream, each one JSON object with a {@code type}:
 * <ul>
 * <li>{@code STATS}: a breaker's {@code name}, its {@code group} (when it has one), {@code sharedGroup} (when that
 * group is shared across instances: {@code store}, {@code connected}, {@code instance}, and which instance took the
 * decision the group is in, {@code decidedBy}, {@code decidedRemotely}, {@code decision}) and
 * {@code maxConcurrentCalls} (when its bulkhead is on), then every field of the {@code circuitbreakers} endpoint's
 * stats;</li>
 * <li>a breaker event ({@code STATE_TRANSITION}, {@code ERROR}, ...): the {@code circuitbreakerevents} endpoint's
 * fields plus {@code name}; rejections of one breaker that follow each other within one batch are one line with
 * {@code count} (their number) and the last one's timestamp;</li>
 * <li>{@code EVENTS_SKIPPED}: {@code count} events of breaker {@code name} were overwritten in its buffer before
 * the stream read them;</li>
 * <li>{@code REMOVED}: the breaker {@code name} left the registry;</li>
 * <li>{@code SNAPSHOT_END}: the snapshot sent on connect (every breaker's stats, then their buffered transitions)
 * is complete; what follows is live.</li>
 * </ul>
 * Stateless.
 */
final class StreamMessages {

    private static final String TYPE = "type";
    private static final String NAME = "name";

    private StreamMessages() {
    }

    /** The fields that tell whether a breaker changed: its stats without the two that change with time alone. */
    static Map<String, Object> statsFields(CircuitBreakerRegistry registry, CircuitBreaker breaker) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put(TYPE, "STATS");
        fields.put(NAME, breaker.name());
        CircuitBreakerConfig config = breaker.config();
        if (config.group() != null) {
            fields.put("group", config.group());
            registry.groupStatus(config.group()).ifPresent(status -> fields.put("sharedGroup", sharedGroup(status)));
        }
        if (config.maxConcurrentCalls() > 0) {
            fields.put("maxConcurrentCalls", config.maxConcurrentCalls());
        }
        fields.putAll(Json.fields(BreakerStats.of(breaker.stats())));
        return fields;
    }

    /** What the page shows of a shared group: the store's state here and who took the group's decision. */
    private static Map<String, Object> sharedGroup(GroupStoreStatus status) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("store", status.store());
        fields.put("connected", status.connected());
        fields.put("instance", status.instance());
        fields.put("decidedBy", status.decidedBy());
        fields.put("decidedRemotely", status.decidedRemotely());
        fields.put("decision", status.decision() == null ? null : status.decision().name());
        return fields;
    }

    /** Whether two {@link #statsFields} differ in more than the time fields. */
    static boolean changed(Map<String, Object> before, Map<String, Object> now) {
        if (before == null || before.size() != now.size()) {
            return true;
        }
        for (Map.Entry<String, Object> field : now.entrySet()) {
            String key = field.getKey();
            if (!key.equals("remainingWaitMs") && !key.equals("timeInStateMs")
                    && !Objects.equals(before.get(key), field.getValue())) {
                return true;
            }
        }
        return false;
    }

    static String stats(Map<String, Object> statsFields) {
        return Json.write(statsFields);
    }

    /** One event, or the last event of a run of rejections that stands for {@code count} calls. */
    static String event(CircuitBreakerEvent event, long count) {
        Map<String, Object> fields = EventFields.withName(event);
        if (count > 1) {
            fields.put("count", count);
        }
        return Json.write(fields);
    }

    static String eventsSkipped(String name, long count) {
        return line("EVENTS_SKIPPED", NAME, name, "count", count);
    }

    static String removed(String name) {
        return line("REMOVED", NAME, name);
    }

    static String snapshotEnd(int breakers) {
        return line("SNAPSHOT_END", "breakers", breakers);
    }

    private static String line(String type, Object... namesAndValues) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put(TYPE, type);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return Json.write(fields);
    }
}
