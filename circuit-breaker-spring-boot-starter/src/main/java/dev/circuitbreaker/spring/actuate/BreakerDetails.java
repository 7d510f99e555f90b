package dev.circuitbreaker.spring.actuate;

import dev.circuitbreaker.CallResult;
import dev.circuitbreaker.CircuitBreaker;
import dev.circuitbreaker.CircuitBreakerConfig;
import dev.circuitbreaker.ConfigOption;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One breaker in full: the fields of {@link BreakerStats} (flat, so {@code state} reads the same as in the list),
 * its effective config and its history. Immutable.
 *
 * @param config every core option by its builder name; durations as {@code ...Ms} milliseconds (null when off),
 *     exception types as class names
 * @param history the last calls, oldest first; error messages are already masked and truncated by the core
 * @param sharedGroup the breaker's group if it is shared across instances (its store's state, who decided), else null
 */
public record BreakerDetails(String state, long totalCalls, long successfulCalls, long failedCalls, long ignoredCalls,
        long notPermittedCalls, long bulkheadFullCalls, long slowCalls, int bufferedCalls, int bufferedFailedCalls,
        int bufferedSlowCalls, double failureRate, double slowCallRate, int concurrentCalls, long remainingWaitMs,
        long timeInStateMs, Map<String, Object> config, List<HistoryEntry> history, SharedGroupView sharedGroup) {

    /** One finished call; {@code timestamp} in ISO-8601. */
    public record HistoryEntry(boolean success, String outcome, boolean slow, double responseTimeMs, String errorMessage,
            String timestamp) {

        static HistoryEntry of(CallResult r) {
            return new HistoryEntry(r.success(), r.outcome().name(), r.slow(), r.responseTimeMs(), r.errorMessage(),
                    r.timestamp().toString());
        }
    }

    static BreakerDetails of(CircuitBreaker breaker, SharedGroupView sharedGroup) {
        BreakerStats s = BreakerStats.of(breaker.stats());
        return new BreakerDetails(s.state(), s.totalCalls(), s.successfulCalls(), s.failedCalls(), s.ignoredCalls(),
                s.notPermittedCalls(), s.bulkheadFullCalls(), s.slowCalls(), s.bufferedCalls(), s.bufferedFailedCalls(),
                s.bufferedSlowCalls(), s.failureRate(), s.slowCallRate(), s.concurrentCalls(), s.remainingWaitMs(),
                s.timeInStateMs(), config(breaker.config()), breaker.history().stream().map(HistoryEntry::of).toList(),
                sharedGroup);
    }

    /** Keyed by the option's type, not its value, so an unset duration ({@code callTimeoutMs: null}) keeps its key. */
    static Map<String, Object> config(CircuitBreakerConfig config) {
        Map<String, Object> values = config.options();
        Map<String, Object> out = new LinkedHashMap<>();
        for (ConfigOption<?> option : ConfigOption.all()) {
            Object value = values.get(option.name());
            if (option.type() == Duration.class) {
                out.put(option.name() + "Ms", value == null ? null : ((Duration) value).toMillis());
            } else {
                out.put(option.name(), plain(value));
            }
        }
        return out;
    }

    private static Object plain(Object value) {
        if (value instanceof Class<?> type) {
            return type.getName();
        }
        if (value instanceof Enum<?> e) {
            return e.name();
        }
        if (value instanceof Collection<?> c) {
            return c.stream().map(BreakerDetails::plain).toList();
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(plain(k)), plain(v)));
            return out;
        }
        return value;
    }
}
