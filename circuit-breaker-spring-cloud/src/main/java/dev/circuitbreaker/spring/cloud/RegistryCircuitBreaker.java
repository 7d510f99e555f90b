package dev.circuitbreaker.spring.cloud;

import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.cloud.client.circuitbreaker.CircuitBreaker;

/**
 * The Spring Cloud face of the registry's breaker named {@code id}. Each {@code run} uses the breaker the registry
 * holds for the id at that moment, so a breaker removed from the registry at run time is re-created from its
 * configuration on the next call, as for annotated methods. Thread-safe and cheap to create.
 */
final class RegistryCircuitBreaker implements CircuitBreaker {

    private final RegistryBreakers breakers;
    private final String id;

    RegistryCircuitBreaker(RegistryBreakers breakers, String id) {
        this.breakers = breakers;
        this.id = id;
    }

    /**
     * Runs {@code toRun} through the breaker. The fallback receives the callee's own exception unchanged, or the
     * breaker's {@code CallNotPermittedException} ({@code CircuitBreakerOpenException} or
     * {@code BulkheadFullException}) when it did not run the call; the JVM's fatal errors
     * skip it. {@code run(toRun)} without a fallback throws Spring Cloud's {@code NoFallbackAvailableException} with
     * that throwable as its cause.
     */
    @Override
    public <T> T run(Supplier<T> toRun, Function<Throwable, T> fallback) {
        dev.circuitbreaker.CircuitBreaker breaker = breakers.breaker(id);
        try {
            return breaker.get(toRun);
        } catch (Throwable error) {
            if (!Fallbacks.handles(error)) {
                throw error;
            }
            return Fallbacks.apply(fallback, error);
        }
    }

    @Override
    public String toString() {
        return "RegistryCircuitBreaker[" + id + "]";
    }
}
