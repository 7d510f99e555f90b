package dev.circuitbreaker;

/**
 * Hears breakers being added to and removed from a {@link CircuitBreakerRegistry}, so meters and health checks can
 * follow breakers created at run time. Methods have empty defaults; one that throws is logged and changes nothing.
 */
public interface RegistryListener {

    /**
     * A breaker was created in the registry.
     *
     * @param breaker the new breaker
     */
    default void onAdded(CircuitBreaker breaker) {
    }

    /**
     * A breaker was removed from the registry.
     *
     * @param breaker the removed breaker
     */
    default void onRemoved(CircuitBreaker breaker) {
    }

    /**
     * A live breaker's config was replaced by {@link CircuitBreakerRegistry#reconfigure}; {@code breaker.config()} is
     * the new one. For a circuit group, each member whose config changed is reported.
     *
     * @param breaker the reconfigured breaker
     * @param previous the config it ran by before
     */
    default void onReconfigured(CircuitBreaker breaker, CircuitBreakerConfig previous) {
    }
}
