package dev.circuitbreaker.spring.autoconfigure;

import dev.circuitbreaker.CircuitBreaker;
import dev.circuitbreaker.CircuitBreakerConfig;
import dev.circuitbreaker.CircuitBreakerRegistry;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The validated breaker configs of {@code circuitbreaker.*}: built once at startup through the core builder, so
 * a bad value fails startup with the property path and value. Immutable and thread-safe.
 */
public final class CircuitBreakerConfigurations {

    static final String PREFIX = "circuitbreaker";
    static final String DEFAULTS = PREFIX + ".defaults";
    static final String INSTANCES = PREFIX + ".instances";

    private final CircuitBreakerConfig defaultConfig;
    private final Map<String, CircuitBreakerConfig> instances;
    private final Map<String, HealthFlags> health;
    private final HealthFlags defaultHealth;

    /**
     * @param rawValues the value of a property as the user wrote it, by canonical path, for error messages
     * @throws InvalidCircuitBreakerPropertyException if a value or a combination is invalid
     */
    public CircuitBreakerConfigurations(CircuitBreakerProperties properties, Function<String, String> rawValues) {
        ConfigMapper mapper = new ConfigMapper(rawValues);
        InstanceProperties defaults = properties.getDefaults();
        if (defaults.getGroup() != null) {
            throw mapper.invalid(DEFAULTS + ".group", defaults.getGroup(), "a group cannot be a default (every breaker "
                    + "would join it); set it under " + INSTANCES + ".<name>.group", null);
        }
        this.defaultConfig = mapper.map(DEFAULTS, defaults, null, null);
        Map<String, CircuitBreakerConfig> configs = new LinkedHashMap<>();
        properties.getInstances().forEach((name, instance) ->
                configs.put(name, mapper.map(instancePrefix(name), instance, DEFAULTS, defaults)));
        this.instances = Collections.unmodifiableMap(configs);
        this.defaultHealth = HealthFlags.of(defaults, null);
        Map<String, HealthFlags> flags = new LinkedHashMap<>();
        properties.getInstances().forEach((name, instance) -> flags.put(name, HealthFlags.of(instance, defaultHealth)));
        this.health = Collections.unmodifiableMap(flags);
    }

    /** The config of {@code circuitbreaker.defaults}: for breakers that are not configured as instances. */
    public CircuitBreakerConfig defaultConfig() {
        return defaultConfig;
    }

    /** Whether {@code circuitbreaker.instances} configures the breaker called {@code name}. */
    public boolean isConfigured(String name) {
        return instances.containsKey(name);
    }

    /**
     * The breaker called {@code name} in {@code registry}: created with its instance config if it is configured,
     * else with the registry's default config.
     *
     * @throws InvalidCircuitBreakerPropertyException if the registry refuses the instance config (a group whose
     *     members disagree, or an existing breaker of that name with another config)
     */
    public CircuitBreaker circuitBreaker(CircuitBreakerRegistry registry, String name) {
        CircuitBreakerConfig config = instances.get(name);
        if (config == null) {
            return registry.circuitBreaker(name);
        }
        try {
            return registry.circuitBreaker(name, config);
        } catch (IllegalArgumentException e) {
            String property = config.group() != null
                    ? instancePrefix(name) + ".group=" + config.group()
                    : instancePrefix(name);
            throw new InvalidCircuitBreakerPropertyException(List.of(property), e.getMessage(), e);
        }
    }

    /** Creates every configured instance in {@code registry}. */
    public void createInstances(CircuitBreakerRegistry registry) {
        instances.keySet().forEach(name -> circuitBreaker(registry, name));
    }

    /** Whether the breaker called {@code name} opted in to the health indicator (itself or through defaults). */
    public boolean registersHealthIndicator(String name) {
        return health.getOrDefault(name, defaultHealth).register();
    }

    /** Whether an open breaker called {@code name} may make the health indicator DOWN. */
    public boolean allowsHealthIndicatorToFail(String name) {
        return health.getOrDefault(name, defaultHealth).allowFail();
    }

    private static String instancePrefix(String name) {
        return INSTANCES + "." + name;
    }

    private record HealthFlags(boolean register, boolean allowFail) {

        static HealthFlags of(InstanceProperties properties, HealthFlags inherited) {
            Boolean register = properties.getRegisterHealthIndicator();
            Boolean allowFail = properties.getAllowHealthIndicatorToFail();
            return new HealthFlags(
                    register != null ? register : inherited != null && inherited.register(),
                    allowFail != null ? allowFail : inherited != null && inherited.allowFail());
        }
    }
}
