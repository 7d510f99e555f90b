package dev.circuitbreaker.spring.autoconfigure;

import java.util.List;

/**
 * A {@code circuitbreaker.*} property the core config builder rejected, or a combination of them. The message names
 * each property by its full kebab-case path together with its value, then the builder's reason.
 */
public class InvalidCircuitBreakerPropertyException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** {@code path=value} of each property involved. */
    private final List<String> properties;
    /** Why the values were rejected. */
    private final String reason;

    /**
     * @param properties {@code path=value} of each property involved, the first one the most relevant
     * @param reason why the values were rejected
     * @param cause the builder's exception, or {@code null}
     */
    public InvalidCircuitBreakerPropertyException(List<String> properties, String reason, Throwable cause) {
        super((properties.size() == 1 ? "Invalid circuit breaker property " : "Invalid combination of circuit breaker properties ")
                + String.join(", ", properties) + ": " + reason, cause);
        this.properties = List.copyOf(properties);
        this.reason = reason;
    }

    /** {@return {@code path=value} of each property involved} */
    public List<String> properties() {
        return properties;
    }

    /** {@return why the values were rejected, in the core's words} */
    public String reason() {
        return reason;
    }
}
