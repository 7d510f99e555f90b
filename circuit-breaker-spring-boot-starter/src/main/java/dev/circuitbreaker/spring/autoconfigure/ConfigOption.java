package dev.circuitbreaker.spring.autoconfigure;

import dev.circuitbreaker.CircuitBreakerConfig.Builder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * One core option as a property: its kebab-case key, the builder's name for it (which the builder's messages use),
 * how to read it from {@link InstanceProperties} and how to set it on the builder. The table {@link #ALL} lists
 * every option of the core builder, in the order of the options table.
 */
record ConfigOption<T>(String key, String coreName, Function<InstanceProperties, T> getter, Setter<T> setter) {

    /** Sets a value on the builder; {@code path} names the property in errors the setter raises itself. */
    @FunctionalInterface
    interface Setter<T> {
        void set(Builder builder, T value, String path);
    }

    static final List<ConfigOption<?>> ALL = List.of(
            of("failure-threshold", "failureThreshold", InstanceProperties::getFailureThreshold, Builder::failureThreshold),
            of("sliding-window-type", "slidingWindowType", InstanceProperties::getSlidingWindowType, Builder::slidingWindowType),
            of("sliding-window-size", "slidingWindowSize", InstanceProperties::getSlidingWindowSize, Builder::slidingWindowSize),
            of("failure-rate-threshold", "failureRateThreshold", InstanceProperties::getFailureRateThreshold, Builder::failureRateThreshold),
            of("minimum-number-of-calls", "minimumNumberOfCalls", InstanceProperties::getMinimumNumberOfCalls, Builder::minimumNumberOfCalls),
            of("slow-call-duration-threshold", "slowCallDurationThreshold", InstanceProperties::getSlowCallDurationThreshold, Builder::slowCallDurationThreshold),
            of("slow-call-rate-threshold", "slowCallRateThreshold", InstanceProperties::getSlowCallRateThreshold, Builder::slowCallRateThreshold),
            new ConfigOption<>("exception-thresholds", "exceptionThreshold", InstanceProperties::getExceptionThresholds, ConfigOption::exceptionThresholds),
            new ConfigOption<>("record-exceptions", "recordExceptions", InstanceProperties::getRecordExceptions,
                    (b, types, path) -> b.recordExceptions(throwables(types, path))),
            new ConfigOption<>("ignore-exceptions", "ignoreExceptions", InstanceProperties::getIgnoreExceptions,
                    (b, types, path) -> b.ignoreExceptions(throwables(types, path))),
            of("wait-duration-in-open-state", "waitDurationInOpenState", InstanceProperties::getWaitDurationInOpenState, Builder::waitDurationInOpenState),
            of("backoff-multiplier", "backoffMultiplier", InstanceProperties::getBackoffMultiplier, Builder::backoffMultiplier),
            of("max-wait-duration-in-open-state", "maxWaitDurationInOpenState", InstanceProperties::getMaxWaitDurationInOpenState, Builder::maxWaitDurationInOpenState),
            of("success-threshold", "successThreshold", InstanceProperties::getSuccessThreshold, Builder::successThreshold),
            of("permitted-calls-in-half-open-state", "permittedCallsInHalfOpenState", InstanceProperties::getPermittedCallsInHalfOpenState, Builder::permittedCallsInHalfOpenState),
            of("max-wait-duration-in-half-open-state", "maxWaitDurationInHalfOpenState", InstanceProperties::getMaxWaitDurationInHalfOpenState, Builder::maxWaitDurationInHalfOpenState),
            of("history-size", "historySize", InstanceProperties::getHistorySize, Builder::historySize),
            of("group", "group", InstanceProperties::getGroup, Builder::group));

    private static <T> ConfigOption<T> of(String key, String coreName, Function<InstanceProperties, T> getter,
            BiConsumer<Builder, T> setter) {
        return new ConfigOption<>(key, coreName, getter, (builder, value, path) -> setter.accept(builder, value));
    }

    private static void exceptionThresholds(Builder builder, Map<Class<? extends Throwable>, Integer> thresholds, String path) {
        thresholds.forEach((type, threshold) -> {
            String entryPath = path + ".[" + type.getName() + "]";
            Class<? extends Throwable> checked = throwable(type, entryPath);
            if (threshold == null) {
                throw new InvalidCircuitBreakerPropertyException(List.of(entryPath + "=null"), "a threshold is required", null);
            }
            try {
                builder.exceptionThreshold(checked, threshold);
            } catch (IllegalArgumentException e) {
                throw new InvalidCircuitBreakerPropertyException(List.of(entryPath + "=" + threshold), e.getMessage(), e);
            }
        });
    }

    private static List<Class<? extends Throwable>> throwables(List<Class<? extends Throwable>> types, String path) {
        List<Class<? extends Throwable>> checked = new ArrayList<>(types.size());
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
