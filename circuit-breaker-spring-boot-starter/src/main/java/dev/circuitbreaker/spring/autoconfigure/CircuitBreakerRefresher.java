package dev.circuitbreaker.spring.autoconfigure;

import dev.circuitbreaker.CircuitBreaker;
import dev.circuitbreaker.CircuitBreakerConfig;
import dev.circuitbreaker.CircuitBreakerRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Applies changed {@code circuitbreaker.*} values to the live breakers when the environment changes at run time
 * (Spring Cloud's {@link EnvironmentChangeEvent}: {@code /actuator/refresh}, a Kubernetes ConfigMap reload), inside
 * the event: binds a fresh copy of the properties (never the live properties bean), validates it with the same rules
 * as at startup, and only if it is valid as a whole reconfigures each breaker whose config changed with
 * {@link CircuitBreakerRegistry#reconfigure} (same instance, counters, history and state). A bad value never reaches a
 * breaker and never makes the refresh itself fail: it is logged as an ERROR naming the property and the value, and
 * the previous configuration stays in force. Thread-safe.
 */
final class CircuitBreakerRefresher implements ApplicationListener<EnvironmentChangeEvent> {

    /** Spring Cloud rebinds every {@code @ConfigurationProperties} bean on a change except the classes listed here. */
    static final String NEVER_REFRESHABLE = "spring.cloud.refresh.never-refreshable";

    private static final Log log = LogFactory.getLog(CircuitBreakerRefresher.class);

    private final ConfigurableEnvironment environment;
    private final CircuitBreakerRegistry registry;
    private final CircuitBreakerConfigurations configurations;

    CircuitBreakerRefresher(ConfigurableEnvironment environment, CircuitBreakerRegistry registry,
            CircuitBreakerConfigurations configurations) {
        this.environment = environment;
        this.registry = registry;
        this.configurations = configurations;
        keepLivePropertiesFromTheRebinder(environment);
    }

    @Override
    public void onApplicationEvent(EnvironmentChangeEvent event) {
        if (event.getKeys().stream().anyMatch(key -> key.startsWith(CircuitBreakerConfigurations.PREFIX + "."))) {
            refresh();
        }
    }

    /** Re-reads {@code circuitbreaker.*} and applies what changed; returns whether the change was applied. */
    boolean refresh() {
        CircuitBreakerConfigurations.Settings settings;
        Map<CircuitBreaker, CircuitBreakerConfig> changed;
        try {
            settings = CircuitBreakerConfigurations.validate(bindCopy(), environment::getProperty);
            changed = changes(settings);
        } catch (InvalidCircuitBreakerPropertyException e) {
            log.error(rejected(e.getMessage()));
            return false;
        } catch (BindException e) {
            log.error(rejected(describe(e)));
            return false;
        }
        configurations.install(settings);
        changed.forEach((breaker, config) -> {
            try {
                registry.reconfigure(breaker.name(), config);
                log.info("Circuit breaker '" + breaker.name() + "' reconfigured at run time: " + config);
            } catch (IllegalArgumentException e) {
                log.error("Circuit breaker '" + breaker.name() + "' keeps its previous config: " + e.getMessage());
            }
        });
        return true;
    }

    private CircuitBreakerProperties bindCopy() {
        return Binder.get(environment).bind(CircuitBreakerConfigurations.PREFIX, Bindable.of(CircuitBreakerProperties.class),
                new NoUnboundElementsBindHandler(BindHandler.DEFAULT)).orElseGet(CircuitBreakerProperties::new);
    }

    /**
     * The live breakers whose config changes, with the new config; a group a breaker cannot leave is refused. Only
     * breakers that run the config {@code circuitbreaker.*} gave them are touched: one created or reconfigured in code
     * with a config of its own (e.g. through Spring Cloud's {@code factory.configure(...)}) is left alone.
     */
    private Map<CircuitBreaker, CircuitBreakerConfig> changes(CircuitBreakerConfigurations.Settings settings) {
        Map<CircuitBreaker, CircuitBreakerConfig> changed = new LinkedHashMap<>();
        for (CircuitBreaker breaker : registry.all()) {
            if (!breaker.config().equals(configurations.configFor(breaker.name()))) {
                continue;
            }
            CircuitBreakerConfig next = settings.instances().getOrDefault(breaker.name(), settings.defaultConfig());
            if (!Objects.equals(next.group(), breaker.config().group())) {
                throw new InvalidCircuitBreakerPropertyException(
                        List.of(CircuitBreakerConfigurations.instancePrefix(breaker.name()) + ".group=" + next.group()),
                        "circuit breaker '" + breaker.name() + "' is in group " + breaker.config().group()
                                + "; a breaker's group cannot change while the application runs", null);
            }
            if (!next.equals(breaker.config())) {
                changed.put(breaker, next);
            }
        }
        return changed;
    }

    private static String rejected(String reason) {
        return "Rejected a run-time change of circuitbreaker.* (the previous configuration stays in force): " + reason;
    }

    private static String describe(BindException e) {
        ConfigurationProperty property = e.getProperty();
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        String where = property != null ? property.getName() + "=" + property.getValue() : e.getName().toString();
        return where + ": " + cause.getMessage();
    }

    /**
     * Spring Cloud's {@code ConfigurationPropertiesRebinder} would rebind the live {@link CircuitBreakerProperties}
     * on every change and rethrow a bind error, failing the refresh: it skips the classes this property lists.
     */
    private static void keepLivePropertiesFromTheRebinder(ConfigurableEnvironment environment) {
        String listed = environment.getProperty(NEVER_REFRESHABLE, "com.zaxxer.hikari.HikariDataSource");
        String ours = CircuitBreakerProperties.class.getName();
        if (!List.of(listed.split("\\s*,\\s*")).contains(ours)) {
            environment.getPropertySources().addFirst(new org.springframework.core.env.MapPropertySource(
                    "circuitBreakerNeverRefreshable", Map.of(NEVER_REFRESHABLE, listed + "," + ours)));
        }
    }
}
