package dev.circuitbreaker;

import dev.circuitbreaker.internal.StateMachine;
import java.time.Clock;

/** Builds a {@link CircuitBreaker}; get one from {@link CircuitBreaker#builder(String)}. Not thread-safe. */
public final class CircuitBreakerBuilder {

    private final String name;
    private CircuitBreakerConfig config = CircuitBreakerConfig.ofDefaults();
    private Ticker ticker = Ticker.systemTicker();
    private Clock clock = Clock.systemUTC();

    CircuitBreakerBuilder(String name) {
        this.name = Arguments.requireName(name);
    }

    /**
     * The rules; default {@link CircuitBreakerConfig#ofDefaults()}.
     *
     * @param config the config
     * @return this builder
     * @throws IllegalArgumentException if null
     */
    public CircuitBreakerBuilder config(CircuitBreakerConfig config) {
        this.config = Arguments.requireNonNull("config", config);
        return this;
    }

    /**
     * The source of durations; default {@link Ticker#systemTicker()}.
     *
     * @param ticker the ticker
     * @return this builder
     * @throws IllegalArgumentException if null
     */
    public CircuitBreakerBuilder ticker(Ticker ticker) {
        this.ticker = Arguments.requireNonNull("ticker", ticker);
        return this;
    }

    /**
     * The clock that stamps history entries; default UTC.
     *
     * @param clock the clock
     * @return this builder
     * @throws IllegalArgumentException if null
     */
    public CircuitBreakerBuilder clock(Clock clock) {
        this.clock = Arguments.requireNonNull("clock", clock);
        return this;
    }

    /**
     * Builds the breaker.
     *
     * @return the breaker
     * @throws IllegalArgumentException if the config names a group: groups live in a {@link CircuitBreakerRegistry}
     */
    public CircuitBreaker build() {
        if (config.group() != null) {
            throw new IllegalArgumentException("config of '" + name + "' has group \"" + config.group()
                    + "\": grouped breakers share state through a CircuitBreakerRegistry; create it with registry.circuitBreaker(name, config)");
        }
        return new CircuitBreaker(name, config, ticker, clock, new StateMachine(config, ticker));
    }
}
