package dev.circuitbreaker;

/** The states of a circuit breaker. */
public enum CircuitState {
    /** Calls flow; outcomes fill the sliding window and the trip rules watch it. */
    CLOSED,
    /** Every call is rejected until the open wait is over; then the next call becomes a trial. */
    OPEN,
    /** A limited number of concurrent trial calls decide between CLOSED and OPEN. */
    HALF_OPEN,
    /** Every call is rejected until someone changes the state by hand. */
    FORCED_OPEN,
    /** Every call is permitted and counted, and nothing is decided. */
    DISABLED;

    /** {@return whether this state lets ordinary calls through without a trial permit (CLOSED and DISABLED)} */
    public boolean permitsAllCalls() {
        return this == CLOSED || this == DISABLED;
    }
}
