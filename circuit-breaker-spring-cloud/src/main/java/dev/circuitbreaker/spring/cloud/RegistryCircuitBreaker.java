package dev.circuitbreaker.spring.cloud;

import dev.circuitbreaker.spring.aop.CallObserver;
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
            CallObserver observer = breakers.observer();
            return observer == null ? breaker.get(toRun) : observed(observer, breaker, toRun);
        } catch (Throwable error) {
            if (!Fallbacks.handles(error)) {
                throw error;
            }
            return Fallbacks.apply(fallback, error);
        }
    }

    /** The call as an observation: current while it runs, stopped with its outcome before any fallback runs. */
    private static <T> T observed(CallObserver observer, dev.circuitbreaker.CircuitBreaker breaker, Supplier<T> toRun) {
        CallObserver.Observed observed = observer.start(breaker, null);
        try (CallObserver.Scope scope = observed.openScope()) {
            T result = breaker.get(toRun);
            observed.stop(null);
            return result;
        } catch (Throwable error) {
            observed.stop(error);
            throw error;
        }
    }

    @Override
    public String toString() {
        return "RegistryCircuitBreaker[" + id + "]";
    }
}
