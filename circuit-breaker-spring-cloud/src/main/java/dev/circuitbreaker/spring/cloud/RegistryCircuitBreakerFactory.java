package dev.circuitbreaker.spring.cloud;

import dev.circuitbreaker.CircuitBreakerConfig;
import dev.circuitbreaker.CircuitBreakerRegistry;
import dev.circuitbreaker.spring.aop.CallObserver;
import dev.circuitbreaker.spring.autoconfigure.CircuitBreakerConfigurations;
import java.util.function.Consumer;
import java.util.function.Function;
import org.springframework.cloud.client.circuitbreaker.CircuitBreaker;
import org.springframework.cloud.client.circuitbreaker.CircuitBreakerFactory;

/**
 * Spring Cloud's {@link CircuitBreakerFactory} backed by a {@link CircuitBreakerRegistry}: {@code create(id)} hands
 * out the registry's breaker named {@code id} (created on first use), so breakers used through Spring Cloud show on
 * the endpoint, meters and dashboard. A breaker's config, first match wins: {@code circuitbreaker.instances.<id>};
 * a config set with {@link #configure(Consumer, String...)}; the function given to
 * {@link #configureDefault(Function)}; the registry's default config ({@code circuitbreaker.defaults}). Thread-safe.
 */
public final class RegistryCircuitBreakerFactory extends CircuitBreakerFactory<CircuitBreakerConfig, BreakerConfigBuilder> {

    private final RegistryBreakers breakers;

    /**
     * A factory handing out {@code registry}'s breakers, configured by {@code configurations}.
     *
     * @param registry where the breakers live
     * @param configurations the validated {@code circuitbreaker.*} configs
     */
    public RegistryCircuitBreakerFactory(CircuitBreakerRegistry registry, CircuitBreakerConfigurations configurations) {
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
    public CircuitBreaker create(String id) {
        breakers.breaker(RegistryBreakers.checkId(id));
        return new RegistryCircuitBreaker(breakers, id);
    }

    /**
     * The same as {@link #create(String)}: Spring Cloud's group name (OpenFeign passes the client's name when
     * {@code spring.cloud.openfeign.circuitbreaker.group.enabled} is set) is a naming hint only. It never becomes
     * the breaker's {@code group}, which would make breakers share one state.
     *
     * @param id the Spring Cloud id, used as the breaker's name
     * @param groupName Spring Cloud's group name, not used
     * @return the breaker's Spring Cloud face
     */
    @Override
    public CircuitBreaker create(String id, String groupName) {
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
     * Sets the config of every id configured neither in YAML nor with {@link #configure(Consumer, String...)},
     * instead of {@code circuitbreaker.defaults}. The function runs once per id, when its breaker is created.
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
