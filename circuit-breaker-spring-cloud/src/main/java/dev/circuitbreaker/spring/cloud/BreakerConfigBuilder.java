package dev.circuitbreaker.spring.cloud;

import dev.circuitbreaker.CircuitBreakerConfig;
import dev.circuitbreaker.CircuitBreakerConfigBuilder;
import java.util.function.Consumer;
import org.springframework.cloud.client.circuitbreaker.ConfigBuilder;

/**
 * Builds the config of one Spring Cloud id in code, for {@code factory.configure(builder -> ..., "id")}. It starts
 * from the registry's default config ({@code circuitbreaker.defaults} with the starter), so
 * {@code builder.options(o -> o.failureThreshold(5))} changes that one option; {@link #config(CircuitBreakerConfig)}
 * replaces all of them. Every option is the core builder's, validated by it. Not thread-safe: one builder per
 * {@code configure} call.
 */
public final class BreakerConfigBuilder implements ConfigBuilder<CircuitBreakerConfig> {

    private final String id;
    private CircuitBreakerConfigBuilder options;

    BreakerConfigBuilder(String id, CircuitBreakerConfig base) {
        this.id = id;
        this.options = base.toBuilder();
    }

    /** {@return the Spring Cloud id (the breaker's name) this builder configures} */
    public String id() {
        return id;
    }

    /**
     * Replaces every option with {@code config}'s.
     *
     * @param config the options to start from
     * @return this builder
     * @throws IllegalArgumentException if {@code config} is null
     */
    public BreakerConfigBuilder config(CircuitBreakerConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("config of Spring Cloud circuit breaker '" + id + "' must not be null");
        }
        this.options = config.toBuilder();
        return this;
    }

    /**
     * Changes options on the core builder, which holds the defaults (or what {@link #config} set) until then.
     *
     * @param change sets options on the core builder
     * @return this builder
     * @throws IllegalArgumentException as the core builder's setters do, naming the option and the value
     */
    public BreakerConfigBuilder options(Consumer<CircuitBreakerConfigBuilder> change) {
        try {
            change.accept(options);
        } catch (IllegalArgumentException e) {
            throw named(e);
        }
        return this;
    }

    /**
     * The config, validated by the core builder.
     *
     * @return the config
     * @throws IllegalArgumentException if the options cannot work together; the message names the option and id
     */
    @Override
    public CircuitBreakerConfig build() {
        try {
            return options.build();
        } catch (IllegalArgumentException e) {
            throw named(e);
        }
    }

    private IllegalArgumentException named(IllegalArgumentException e) {
        return new IllegalArgumentException("Spring Cloud circuit breaker '" + id + "': " + e.getMessage(), e);
    }
}
