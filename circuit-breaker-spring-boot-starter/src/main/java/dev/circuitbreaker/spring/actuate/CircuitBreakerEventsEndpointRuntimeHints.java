package dev.circuitbreaker.spring.actuate;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * Native-image hints for the {@code circuitbreakerevents} endpoint: its answers are records that the application's
 * JSON mapper reads through reflection ({@link CircuitBreakerEventsEndpoint.EventsByBreaker},
 * {@link CircuitBreakerEventsEndpoint.BreakerEvents}; the events inside are plain maps). Imported by the endpoint's
 * auto-configuration, so an application without the endpoint gets none of them.
 */
public final class CircuitBreakerEventsEndpointRuntimeHints implements RuntimeHintsRegistrar {

    /** Registers the hints; a {@link RuntimeHintsRegistrar} needs a public no-argument constructor. */
    public CircuitBreakerEventsEndpointRuntimeHints() {
    }

    @Override
    public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
        new BindingReflectionHintsRegistrar().registerReflectionHints(hints.reflection(),
                CircuitBreakerEventsEndpoint.EventsByBreaker.class, CircuitBreakerEventsEndpoint.BreakerEvents.class);
    }
}
