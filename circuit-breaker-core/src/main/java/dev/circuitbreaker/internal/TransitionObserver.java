package dev.circuitbreaker.internal;

import dev.circuitbreaker.CircuitState;
import dev.circuitbreaker.GroupTransition;

/** Told of each installed transition, on the installing thread, after installation. */
@FunctionalInterface
public interface TransitionObserver {

    void onTransition(CircuitState from, CircuitState to);

    /**
     * Like {@link #onTransition(CircuitState, CircuitState)}, with where a shared group's transition came from
     * ({@code null} for groups that are not shared); the circuit calls this one.
     */
    default void onTransition(CircuitState from, CircuitState to, GroupTransition origin) {
        onTransition(from, to);
    }
}
