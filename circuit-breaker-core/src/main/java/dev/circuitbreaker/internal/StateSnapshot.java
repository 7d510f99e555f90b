package dev.circuitbreaker.internal;

import dev.circuitbreaker.CircuitState;

/**
 * A circuit's state, window and timers read from one state object at one ticker reading, so they always belong to
 * the same state period. Immutable.
 *
 * @param state the state
 * @param window the state's window
 * @param remainingWaitNanos nanoseconds until OPEN lets a trial in; 0 in every other state
 * @param timeInStateNanos nanoseconds since the state was entered
 */
public record StateSnapshot(CircuitState state, WindowSnapshot window, long remainingWaitNanos, long timeInStateNanos) {
}
