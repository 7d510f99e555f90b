package dev.circuitbreaker.internal;

import dev.circuitbreaker.CircuitState;

/** A refusal to run a call. Each rejecting state makes one up front, so rejecting allocates nothing. Immutable. */
public final class Rejection implements Permission {

    private final CircuitState state;
    private final long deadline;
    private final boolean hasDeadline;

    Rejection(CircuitState state, long deadline, boolean hasDeadline) {
        this.state = state;
        this.deadline = deadline;
        this.hasDeadline = hasDeadline;
    }

    /** The state that rejected. */
    public CircuitState state() {
        return state;
    }

    /** The ticker reading at which an OPEN state lets a trial in; meaningful only if {@link #hasDeadline()}. */
    public long deadline() {
        return deadline;
    }

    /** Whether {@link #deadline()} is meaningful: the rejecting state is OPEN. */
    public boolean hasDeadline() {
        return hasDeadline;
    }

    @Override
    public void record(int code) {
        // Nothing ran.
    }

    @Override
    public void record(int code, long tick) {
        // Nothing ran.
    }
}
