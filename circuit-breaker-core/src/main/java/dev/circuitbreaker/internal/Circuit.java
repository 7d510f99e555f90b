package dev.circuitbreaker.internal;

import dev.circuitbreaker.CircuitBreakerConfig;
import dev.circuitbreaker.CircuitState;

/**
 * The part of a breaker that the members of a circuit group share: state, window, trial permits and open timer.
 * Each breaker keeps its own counters, history and listeners in front of it. {@link StateMachine} keeps it in
 * memory; an implementation backed by an external store could share a group's decisions across JVMs.
 * Implementations are thread-safe.
 */
public interface Circuit {

    /** The rules this circuit runs by. */
    CircuitBreakerConfig config();

    /** The current state; reading it never changes it. */
    CircuitState state();

    /** Asks to run one call; a permit must be reported to exactly once. */
    Permission acquire();

    /** The state, its window and its timers, all of one state period. */
    StateSnapshot snapshot();

    /** An operator's transition to {@code target}; nothing happens if the circuit is in it already. */
    void transitionTo(CircuitState target);

    /** Back to a fresh CLOSED state with an empty window and no backoff, whatever the state. */
    void reset();

    /** Runs by {@code config} from now on, keeping the state (see {@link StateMachine#reconfigure}). */
    void reconfigure(CircuitBreakerConfig config);

    /** Starts telling {@code observer} of transitions. */
    void addObserver(TransitionObserver observer);

    /** Stops telling {@code observer} of transitions. */
    void removeObserver(TransitionObserver observer);

    /** How many observers (breakers) are attached. */
    int observers();
}
