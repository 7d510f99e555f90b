package dev.circuitbreaker.internal;

/**
 * The answer to a request for a call: either a permit, to which the call's outcome is reported exactly once, or a
 * {@link Rejection}. Permits of the CLOSED and DISABLED states are the state objects themselves, so a permitted call
 * allocates nothing.
 */
public sealed interface Permission permits ClosedState, DisabledState, HalfOpenState.Trial, Rejection {

    /**
     * Reports the outcome ({@link Outcomes}) of the permitted call; the permit reads the ticker itself if it needs
     * the time. A report to a state that has moved on, or on an expired trial permit, decides nothing.
     */
    void record(int code);

    /** Like {@link #record(int)} for a call that finished at {@code tick}, a reading of the breaker's ticker. */
    void record(int code, long tick);
}
