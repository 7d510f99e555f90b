package dev.circuitbreaker.spring.cloud;

import dev.circuitbreaker.CircuitBreakerConfig;
import dev.circuitbreaker.CircuitBreakerRegistry;
import dev.circuitbreaker.spring.aop.CallObserver;
import dev.circuitbreaker.spring.autoconfigure.CircuitBreakerConfigurations;
import java.util.function.Consumer;
import java.util.function.Function;
import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreaker;
import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreakerFactory;

/**
 * Spring Cloud's {@link ReactiveCircuitBreakerFactory} backed by a {@link CircuitBreakerRegistry}, the reactive twin
 * of {@link RegistryCircuitBreakerFactory}: the same breakers by id, the same config rules (first match wins:
 * {@code circuitbreaker.instances.<id>}, {@link #configure(Consumer, String...)}, {@link #configureDefault(Function)},
 * {@code circuitbreaker.defaults}). A {@code Mono} or {@code Flux} is guarded per subscription: the permit is taken at
 * subscription, the outcome recorded at its terminal signal, a cancellation counts as ignored, and the breaker's
 * {@code callTimeout} applies. Thread-safe.
 */
public final class RegistryReactiveCircuitBreakerFactory
        extends ReactiveCircuitBreakerFactory<CircuitBreakerConfig, BreakerConfigBuilder> {

    private final RegistryBreakers breakers;

    /**
     * A factory handing out {@code registry}'s breakers, configured by {@code configurations}.
     *
     * @param registry where the breakers live
     * @param configurations the validated {@code circuitbreaker.*} configs
     */
    public RegistryReactiveCircuitBreakerFactory(CircuitBreakerRegistry registry,
            CircuitBreakerConfigurations configurations) {
        this.breakers = new RegistryBreakers(registry, configurations, getConfigurations());
    }

    /**
     * Observes each call with {@code observer} (tracing, timers); the auto-configuration passes the starter's when
     * {@code circuitbreaker.observations.enabled=true}.
     *
     * @param observer the observer, or {@code null} to observe nothing
     */
    public void observeWith(CallObserver observer) {
        breakers.observer(observer);
    }

    /**
     * The registry's breaker named {@code id}, created now if it does not exist yet.
     *
     * @param id the Spring Cloud id, used as the breaker's name
     * @return the breaker's Spring Cloud face
     * @throws IllegalArgumentException if {@code id} is blank, or a config set in code for it differs from that of
     *     the breaker already in the registry
     */
    @Override
    public ReactiveCircuitBreaker create(String id) {
        breakers.breaker(RegistryBreakers.checkId(id));
        return new RegistryReactiveCircuitBreaker(breakers, id);
    }

    /**
     * The same as {@link #create(String)}: Spring Cloud's group name is a naming hint only, never our {@code group}.
     *
     * @param id the Spring Cloud id, used as the breaker's name
     * @param groupName Spring Cloud's group name, not used
     * @return the breaker's Spring Cloud face
     */
    @Override
    public ReactiveCircuitBreaker create(String id, String groupName) {
        return create(id);
    }

    /**
     * Sets the config of each id in code, starting from {@code circuitbreaker.defaults}.
     *
     * @param consumer sets the options of one id on its builder
     * @param ids the Spring Cloud ids to configure
     * @throws IllegalArgumentException if an id is blank or already configured under {@code circuitbreaker.instances},
     *     or the config is invalid (the message names the option, its value and the id)
     */
    @Override
    public void configure(Consumer<BreakerConfigBuilder> consumer, String... ids) {
        for (String id : ids) {
            breakers.checkConfigurable(id);
        }
        super.configure(consumer, ids);
    }

    /**
     * Sets the config of every id configured neither in YAML nor with {@link #configure(Consumer, String...)}.
     *
     * @param defaultConfiguration the config of an id, called once when its breaker is created
     * @throws IllegalArgumentException if the function is null
     */
    @Override
    public void configureDefault(Function<String, CircuitBreakerConfig> defaultConfiguration) {
        breakers.defaultConfig(defaultConfiguration);
    }

    @Override
    protected BreakerConfigBuilder configBuilder(String id) {
        return new BreakerConfigBuilder(id, breakers.baseConfig());
    }
}
