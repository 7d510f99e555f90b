package dev.circuitbreaker.internal;

/**
 * The answer to a request for a call: either a permit, to which the call's outcome is reported exactly once, or a
 * rejection. Permits of the CLOSED and DISABLED states are the state objects themselves, so a permitted call
 * allocates nothing.
 */
public interface Permission {

    /** Passed as the tick when the caller did not read the ticker; the permit reads it if it needs one. */
    long NO_TICK = Long.MIN_VALUE;

    /** Whether the call may run. */
    boolean permitted();

    /**
     * Reports the outcome ({@link Outcomes}) of the permitted call that finished at {@code tick}. A report to a
     * state that has moved on, or on an expired trial permit, decides nothing.
     */
    void record(int code, long tick);
}
