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
 * The validated breaker configs of {@code circuitbreaker.*}: built through the core builder, so a bad value fails
 * with the property path and value. Built once at startup; a configuration change at run time validates a new set
 * ({@link #validate}) and installs it ({@link #install}) only if it is valid as a whole. Thread-safe: readers see one
 * set or the other, never a mix.
 */
public final class CircuitBreakerConfigurations {

    static final String PREFIX = "circuitbreaker";
    static final String DEFAULTS = PREFIX + ".defaults";
    static final String INSTANCES = PREFIX + ".instances";

    private volatile Settings current;

    /**
     * @param properties the bound {@code circuitbreaker.*} properties
     * @param rawValues the value of a property as the user wrote it, by canonical path, for error messages
     * @throws InvalidCircuitBreakerPropertyException if a value or a combination is invalid
     */
    public CircuitBreakerConfigurations(CircuitBreakerProperties properties, Function<String, String> rawValues) {
        this.current = validate(properties, rawValues);
    }

    /**
     * Builds and checks the configs of {@code properties} without installing them.
     *
     * @throws InvalidCircuitBreakerPropertyException if a value or a combination is invalid
     */
    static Settings validate(CircuitBreakerProperties properties, Function<String, String> rawValues) {
        ConfigMapper mapper = new ConfigMapper(rawValues);
        InstanceProperties defaults = properties.getDefaults();
        if (defaults.getGroup() != null) {
            throw mapper.invalid(DEFAULTS + ".group", defaults.getGroup(), "a group cannot be a default (every breaker "
                    + "would join it); set it under " + INSTANCES + ".<name>.group", null);
        }
        CircuitBreakerConfig defaultConfig = mapper.map(DEFAULTS, defaults, null, null);
        Map<String, CircuitBreakerConfig> configs = new LinkedHashMap<>();
        properties.getInstances().forEach((name, instance) ->
                configs.put(name, mapper.map(instancePrefix(name), instance, DEFAULTS, defaults)));
        checkGroupsAgree(configs);
        HealthFlags defaultHealth = HealthFlags.of(defaults, null);
        Map<String, HealthFlags> flags = new LinkedHashMap<>();
        properties.getInstances().forEach((name, instance) -> flags.put(name, HealthFlags.of(instance, defaultHealth)));
        return new Settings(defaultConfig, Collections.unmodifiableMap(configs), Collections.unmodifiableMap(flags),
                defaultHealth);
    }

    /** Makes {@code settings} (from {@link #validate}) the configs breakers are created and reconfigured with. */
    void install(Settings settings) {
        this.current = settings;
    }

    /** {@return the config of {@code circuitbreaker.defaults}: for breakers that are not configured as instances} */
    public CircuitBreakerConfig defaultConfig() {
        return current.defaultConfig();
    }

    /**
     * @param name a breaker's name
     * @return whether {@code circuitbreaker.instances} configures the breaker called {@code name}
     */
    public boolean isConfigured(String name) {
        return current.instances().containsKey(name);
    }

    /**
     * @param name a breaker's name
     * @return the config the breaker called {@code name} should run by now: its instance's, else the defaults'
     */
    public CircuitBreakerConfig configFor(String name) {
        Settings s = current;
        return s.instances().getOrDefault(name, s.defaultConfig());
    }

    /**
     * The breaker called {@code name} in {@code registry}: the one there is, or one created with its config
     * ({@link #configFor}).
     *
     * @param registry where the breaker lives
     * @param name the breaker's name
     * @return the registry's breaker of that name
     * @throws InvalidCircuitBreakerPropertyException if the registry refuses the instance config (a group whose
     *     members disagree)
     */
    public CircuitBreaker circuitBreaker(CircuitBreakerRegistry registry, String name) {
        return registry.find(name).orElseGet(() -> create(registry, name));
    }

    /**
     * Creates every configured instance in {@code registry}, checking that a breaker already there under such a
     * name has the configured config.
     *
     * @param registry where the breakers are created
     * @throws InvalidCircuitBreakerPropertyException if the registry refuses an instance config
     */
    public void createInstances(CircuitBreakerRegistry registry) {
        current.instances().keySet().forEach(name -> create(registry, name));
    }

    /**
     * @param name a breaker's name
     * @return whether the breaker called {@code name} opted in to the health indicator (itself or through defaults)
     */
    public boolean registersHealthIndicator(String name) {
        Settings s = current;
        return s.health().getOrDefault(name, s.defaultHealth()).register();
    }

    /**
     * @param name a breaker's name
     * @return whether an open breaker called {@code name} may make the health indicator DOWN
     */
    public boolean allowsHealthIndicatorToFail(String name) {
        Settings s = current;
        return s.health().getOrDefault(name, s.defaultHealth()).allowFail();
    }

    private CircuitBreaker create(CircuitBreakerRegistry registry, String name) {
        CircuitBreakerConfig config = configFor(name);
        try {
            return registry.circuitBreaker(name, config);
        } catch (IllegalArgumentException e) {
            throw new InvalidCircuitBreakerPropertyException(List.of(property(name, config)), e.getMessage(), e);
        }
    }

    /** The property that decides {@code name}'s config: its group, its instance, or the defaults. */
    static String property(String name, CircuitBreakerConfig config) {
        return config.group() != null ? instancePrefix(name) + ".group=" + config.group() : instancePrefix(name);
    }

    static String instancePrefix(String name) {
        return INSTANCES + "." + name;
    }

    /**
     * Members of one group must agree on every rule: the registry's own check, made in a scratch registry before
     * any real breaker sees the configs.
     */
    private static void checkGroupsAgree(Map<String, CircuitBreakerConfig> configs) {
        CircuitBreakerRegistry scratch = CircuitBreakerRegistry.ofDefaults();
        configs.forEach((name, config) -> {
            try {
                scratch.circuitBreaker(name, config);
            } catch (IllegalArgumentException e) {
                throw new InvalidCircuitBreakerPropertyException(List.of(property(name, config)), e.getMessage(), e);
            }
        });
    }

    /** One validated set of configs. */
    record Settings(CircuitBreakerConfig defaultConfig, Map<String, CircuitBreakerConfig> instances,
            Map<String, HealthFlags> health, HealthFlags defaultHealth) {
    }

    record HealthFlags(boolean register, boolean allowFail) {

        static HealthFlags of(InstanceProperties properties, HealthFlags inherited) {
            Boolean register = properties.getRegisterHealthIndicator();
            Boolean allowFail = properties.getAllowHealthIndicatorToFail();
            return new HealthFlags(
                    register != null ? register : inherited != null && inherited.register(),
                    allowFail != null ? allowFail : inherited != null && inherited.allowFail());
        }
    }
}
