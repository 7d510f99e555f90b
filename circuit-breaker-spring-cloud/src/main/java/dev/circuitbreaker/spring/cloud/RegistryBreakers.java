package dev.circuitbreaker.spring.cloud;

import dev.circuitbreaker.CircuitBreaker;
import dev.circuitbreaker.CircuitBreakerConfig;
import dev.circuitbreaker.CircuitBreakerRegistry;
import dev.circuitbreaker.spring.autoconfigure.CircuitBreakerConfigurations;
import dev.circuitbreaker.spring.aop.CallObserver;
import java.util.Map;
import java.util.function.Function;

/**
 * Finds or creates the registry's breaker for a Spring Cloud id, one factory's way: a {@code circuitbreaker.instances}
 * entry wins, then a config set in code with {@code configure(...)}, then the function of
 * {@code configureDefault(...)}, then the registry's default config. Thread-safe; the code configs are the factory's
 * concurrent map, read on every lookup.
 */
final class RegistryBreakers {

    private final CircuitBreakerRegistry registry;
    private final CircuitBreakerConfigurations configurations;
    private final Map<String, CircuitBreakerConfig> codeConfigs;
    private volatile Function<String, CircuitBreakerConfig> defaultConfig;
    /** Observes each call (tracing, timers), or {@code null} when calls are not observed. */
    private volatile CallObserver observer;

    RegistryBreakers(CircuitBreakerRegistry registry, CircuitBreakerConfigurations configurations,
            Map<String, CircuitBreakerConfig> codeConfigs) {
        this.registry = registry;
        this.configurations = configurations;
        this.codeConfigs = codeConfigs;
    }

    /** The observer of each call, or {@code null} for none. */
    CallObserver observer() {
        return observer;
    }

    void observer(CallObserver observer) {
        this.observer = observer;
    }

    /**
     * The breaker named {@code id}: the registry's if it has one, else created as the class comment says.
     *
     * @throws IllegalArgumentException if the id is blank, or the config set in code for it differs from that of
     *     the breaker already in the registry
     */
    CircuitBreaker breaker(String id) {
        CircuitBreakerConfig code = codeConfigs.get(id);
        if (code != null) {
            return registry.circuitBreaker(id, code);
        }
        CircuitBreaker existing = registry.find(id).orElse(null);
        return existing != null ? existing : create(id);
    }

    private CircuitBreaker create(String id) {
        Function<String, CircuitBreakerConfig> defaults = defaultConfig;
        if (defaults == null || configuredInYaml(id)) {
            return configurations.circuitBreaker(registry, id);
        }
        CircuitBreakerConfig config = defaults.apply(id);
        if (config == null) {
            throw new IllegalStateException("the configureDefault function of the Spring Cloud circuit breaker factory "
                    + "returned null for id '" + id + "'");
        }
        return registry.circuitBreaker(id, config);
    }

    /**
     * Checks a Spring Cloud id.
     *
     * @throws IllegalArgumentException naming the id if it is null or blank
     */
    static String checkId(String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a Spring Cloud circuit breaker id must not be null or blank but was "
                    + (id == null ? "null" : "\"" + id + "\""));
        }
        return id;
    }

    boolean configuredInYaml(String id) {
        return configurations.isConfigured(id);
    }

    /** The config {@code configure(...)} starts from: the registry's default config. */
    CircuitBreakerConfig baseConfig() {
        return configurations.defaultConfig();
    }

    void defaultConfig(Function<String, CircuitBreakerConfig> defaultConfig) {
        if (defaultConfig == null) {
            throw new IllegalArgumentException("the default configuration function must not be null");
        }
        this.defaultConfig = defaultConfig;
    }

    /**
     * Checks that {@code id} can be configured in code: not blank, and not already configured in YAML.
     *
     * @throws IllegalArgumentException naming the id and, for a YAML instance, its property path
     */
    void checkConfigurable(String id) {
        checkId(id);
        if (configuredInYaml(id)) {
            throw new IllegalArgumentException("Spring Cloud circuit breaker '" + id + "' is configured in YAML "
                    + "(circuitbreaker.instances." + id + ") and in code (configure(..., \"" + id + "\")): "
                    + "configure it in one place");
        }
    }
}
