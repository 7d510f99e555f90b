package dev.circuitbreaker.spring.actuate;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * Native-image hints for the {@code circuitbreakers} endpoint: its answers are records that the application's JSON
 * mapper reads through reflection ({@link CircuitBreakersEndpoint.BreakerList}, {@link BreakerStats},
 * {@link BreakerDetails} with its {@link BreakerDetails.HistoryEntry}). Spring Boot registers the declared return
 * types of read operations itself, but not {@link BreakerStats}, which the write operation returns inside a
 * {@code WebEndpointResponse<Object>}; all are registered here, the way Spring registers types for data binding.
 * Imported by the endpoint's auto-configuration, so an application without the endpoint gets none of them.
 */
public final class CircuitBreakersEndpointRuntimeHints implements RuntimeHintsRegistrar {

    @Override
    public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
        new BindingReflectionHintsRegistrar().registerReflectionHints(hints.reflection(),
                CircuitBreakersEndpoint.BreakerList.class, BreakerStats.class, BreakerDetails.class,
                BreakerDetails.HistoryEntry.class);
    }
}
