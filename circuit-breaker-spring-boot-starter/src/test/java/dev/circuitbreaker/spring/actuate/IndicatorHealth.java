package dev.circuitbreaker.spring.actuate;

import java.util.Map;

/**
 * What a health indicator reported, in plain types, so the health tests read the same on every Boot line; each
 * line's {@code BootLineHealth} (in {@code src/test/boot3/java} or {@code src/test/boot4/java}) produces it.
 */
public record IndicatorHealth(String status, Map<String, Object> details) {
}
