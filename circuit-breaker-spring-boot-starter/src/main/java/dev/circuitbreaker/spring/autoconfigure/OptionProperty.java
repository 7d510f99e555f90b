package dev.circuitbreaker.spring.autoconfigure;

import dev.circuitbreaker.CircuitBreakerConfigBuilder;
import dev.circuitbreaker.ConfigOption;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One core {@link ConfigOption} as a property of {@link InstanceProperties}, derived from the core's declaration:
 * the kebab-case key is the option's name, and the value is read through the {@code InstanceProperties} getter of
 * the same name. {@link #ALL} covers every core option, so a core option without a property fails here (and in a
 * test) rather than being silently unsettable from YAML. Immutable and thread-safe.
 */
record OptionProperty(ConfigOption<?> option, String key, Method getter) {

    /** Every core option, in the core's order. */
    static final List<OptionProperty> ALL = ConfigOption.all().stream().map(OptionProperty::of).toList();

    static OptionProperty of(ConfigOption<?> option) {
        String name = option.name();
        String getterName = "get" + Character.toUpperCase(name.charAt(0)) + name.substring(1);
        try {
            return new OptionProperty(option, kebab(name), InstanceProperties.class.getMethod(getterName));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("InstanceProperties has no " + getterName + "() for the core option "
                    + name + ": every core option needs a property", e);
        }
    }

    /** {@code failureThreshold} to {@code failure-threshold}. */
    static String kebab(String camelCase) {
        return camelCase.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    /** The option's value in {@code properties}, or {@code null} if it is not set there. */
    Object valueIn(InstanceProperties properties) {
        try {
            return getter.invoke(properties);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + getter, e);
        }
    }

    /**
     * Sets {@code value} (as bound from {@code path}) on the builder, converting bound collections to the core's
     * types; the builder's own check then rejects a bad value with its message.
     *
     * @throws InvalidCircuitBreakerPropertyException for an entry that is not a Throwable type, or has no threshold
     */
    @SuppressWarnings("unchecked")
    void applyTo(CircuitBreakerConfigBuilder builder, Object value, String path) {
        Object converted = value;
        if (option == ConfigOption.EXCEPTION_THRESHOLDS) {
            converted = thresholds((Map<Class<?>, Integer>) value, path);
        } else if (option == ConfigOption.RECORD_EXCEPTIONS || option == ConfigOption.IGNORE_EXCEPTIONS) {
            converted = throwables((List<Class<?>>) value, path);
        }
        builder.set((ConfigOption<Object>) option, converted);
    }

    private static Map<Class<? extends Throwable>, Integer> thresholds(Map<Class<?>, Integer> thresholds, String path) {
        Map<Class<? extends Throwable>, Integer> checked = new LinkedHashMap<>();
        thresholds.forEach((type, threshold) -> {
            String entryPath = path + ".[" + (type == null ? null : type.getName()) + "]";
            Class<? extends Throwable> throwable = throwable(type, entryPath);
            if (threshold == null) {
                throw new InvalidCircuitBreakerPropertyException(List.of(entryPath + "=null"), "a threshold is required", null);
            }
            if (threshold < 1) {
                throw new InvalidCircuitBreakerPropertyException(List.of(entryPath + "=" + threshold),
                        "exceptionThreshold(" + throwable.getName() + ") must be >= 1 but was " + threshold, null);
            }
            checked.put(throwable, threshold);
        });
        return checked;
    }

    private static Set<Class<? extends Throwable>> throwables(List<Class<?>> types, String path) {
        Set<Class<? extends Throwable>> checked = new LinkedHashSet<>();
        for (int i = 0; i < types.size(); i++) {
            checked.add(throwable(types.get(i), path + "[" + i + "]"));
        }
        return checked;
    }

    /** Generics do not survive binding: a class name that is not a Throwable binds fine and is caught here. */
    private static Class<? extends Throwable> throwable(Class<?> type, String path) {
        if (type == null || !Throwable.class.isAssignableFrom(type)) {
            throw new InvalidCircuitBreakerPropertyException(List.of(path + "=" + (type == null ? null : type.getName())),
                    "not a java.lang.Throwable type", null);
        }
        return type.asSubclass(Throwable.class);
    }
}
