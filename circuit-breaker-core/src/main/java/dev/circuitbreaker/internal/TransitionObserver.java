package dev.circuitbreaker.internal;

import dev.circuitbreaker.CircuitState;

/** Told of each installed transition, on the installing thread, after installation. */
@FunctionalInterface
public interface TransitionObserver {

    void onTransition(CircuitState from, CircuitState to);
}
