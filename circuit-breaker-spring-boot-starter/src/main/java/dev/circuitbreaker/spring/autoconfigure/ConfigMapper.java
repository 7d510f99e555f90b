package dev.circuitbreaker.spring.autoconfigure;

import dev.circuitbreaker.CircuitBreakerConfig;
import dev.circuitbreaker.CircuitBreakerConfigBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Maps {@link InstanceProperties} onto {@link CircuitBreakerConfigBuilder}, one option at a time, so that the
 * builder's own rules are the only validation and each rejection names the property path and the value.
 * Stateless apart from the raw-value lookup; thread-safe.
 */
final class ConfigMapper {

    private final Function<String, String> rawValues;

    /** @param rawValues the value as the user wrote it, by canonical property path; {@code null} if unknown */
    ConfigMapper(Function<String, String> rawValues) {
        this.rawValues = rawValues;
    }

    /**
     * Builds the config at {@code prefix} from {@code own} values, taking each missing one from {@code inherited}
     * ({@code null} for none) under {@code inheritedPrefix}, and the core's default after that.
     *
     * @throws InvalidCircuitBreakerPropertyException naming the offending property paths and values
     */
    CircuitBreakerConfig map(String prefix, InstanceProperties own, String inheritedPrefix, InstanceProperties inherited) {
        CircuitBreakerConfigBuilder builder = CircuitBreakerConfig.builder();
        List<Applied> applied = new ArrayList<>();
        for (OptionProperty option : OptionProperty.ALL) {
            Applied a = apply(builder, option, prefix, own);
            if (a == null && inherited != null) {
                a = apply(builder, option, inheritedPrefix, inherited);
            }
            if (a != null) {
                applied.add(a);
            }
        }
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            List<String> involved = applied.stream()
                    .filter(a -> mentions(e.getMessage(), a.option().option().name()))
                    .map(Applied::description)
                    .collect(Collectors.toCollection(ArrayList::new));
            if (involved.isEmpty()) {
                involved.add(prefix);
            }
            throw new InvalidCircuitBreakerPropertyException(involved, e.getMessage(), e);
        }
    }

    private Applied apply(CircuitBreakerConfigBuilder builder, OptionProperty option, String prefix,
            InstanceProperties properties) {
        Object value = option.valueIn(properties);
        if (value == null) {
            return null;
        }
        String path = prefix + "." + option.key();
        try {
            option.applyTo(builder, value, path);
        } catch (InvalidCircuitBreakerPropertyException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw invalid(path, value, e.getMessage(), e);
        }
        return new Applied(option, path + "=" + display(path, value));
    }

    InvalidCircuitBreakerPropertyException invalid(String path, Object value, String reason, Throwable cause) {
        return new InvalidCircuitBreakerPropertyException(List.of(path + "=" + display(path, value)), reason, cause);
    }

    /** The value as written in the configuration when it can be found, else as bound. */
    String display(String path, Object value) {
        String raw = null;
        try {
            raw = rawValues.apply(path);
        } catch (RuntimeException unresolvable) {
            // A placeholder that cannot be resolved: show the bound value instead.
        }
        return raw != null ? raw : format(value);
    }

    static String format(Object value) {
        if (value instanceof Class<?> type) {
            return type.getName();
        }
        if (value instanceof Duration duration) {
            return duration.toMillis() + "ms";
        }
        if (value instanceof Collection<?> values) {
            return values.stream().map(ConfigMapper::format).collect(Collectors.joining(", ", "[", "]"));
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(e -> format(e.getKey()) + ": " + format(e.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        return String.valueOf(value);
    }

    /** Whether a builder message names the option: {@code exceptionThresholds} as {@code exceptionThreshold(...)} too. */
    private static boolean mentions(String message, String optionName) {
        String stem = optionName.endsWith("s") ? optionName.substring(0, optionName.length() - 1) : optionName;
        return message != null && Pattern.compile("\\b" + stem + "s?\\b").matcher(message).find();
    }

    private record Applied(OptionProperty option, String description) {
    }
}
