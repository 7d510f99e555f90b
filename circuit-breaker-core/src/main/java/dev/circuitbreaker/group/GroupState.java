package dev.circuitbreaker.group;

/**
 * The states of a circuit as a shared group's store sees them. It mirrors {@code dev.circuitbreaker.CircuitState}
 * constant for constant, and is kept here so that this package depends on nothing but the JDK.
 */
public enum GroupState {
    /** Calls run; the local sliding window decides a trip. */
    CLOSED,
    /** Calls are rejected until the open wait is over. */
    OPEN,
    /** Trial calls run in this instance. */
    HALF_OPEN,
    /** Calls are rejected until an operator says otherwise. */
    FORCED_OPEN,
    /** Calls run and nothing is decided. */
    DISABLED
}
