package dev.circuitbreaker.sample;

import java.util.List;
import java.util.Map;
import org.springframework.boot.json.JsonParser;
import org.springframework.boot.json.JsonParserFactory;

/**
 * A JSON value for the tests, parsed with Spring Boot's own {@link JsonParser}: the same on Boot 3 and Boot 4, whose
 * Jackson {@code JsonNode} types differ (Jackson 2 and 3). Navigates like {@code JsonNode}: a missing member is a
 * missing value (empty text, zero, false), not an error. Immutable.
 */
public final class JsonValue {

    private static final JsonValue MISSING = new JsonValue(null);

    private final Object value;

    private JsonValue(Object value) {
        this.value = value;
    }

    /** Parses an object or an array; a {@code null} or empty body is the missing value. */
    public static JsonValue parse(String text) {
        if (text == null || text.isBlank() || text.strip().equals("null")) {
            return MISSING;
        }
        String json = text.strip();
        JsonParser parser = JsonParserFactory.getJsonParser();
        try {
            return new JsonValue(json.startsWith("[") ? parser.parseList(json) : parser.parseMap(json));
        } catch (RuntimeException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    /** The member {@code name} of an object; the missing value for anything else. */
    public JsonValue path(String name) {
        return value instanceof Map<?, ?> map && map.get(name) != null ? new JsonValue(map.get(name)) : MISSING;
    }

    /** A string, number or boolean as text; empty for objects, arrays and the missing value. */
    public String asText() {
        return value == null || value instanceof Map || value instanceof List ? "" : String.valueOf(value);
    }

    /** A number (or numeric text) as a long; 0 otherwise. */
    public long asLong() {
        if (value instanceof Number number) {
            return number.longValue();
        }
        try {
            return Long.parseLong(asText());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** {@code true} only for the JSON literal {@code true}. */
    public boolean asBoolean() {
        return Boolean.TRUE.equals(value);
    }

    @Override
    public String toString() {
        return String.valueOf(value);
    }
}
