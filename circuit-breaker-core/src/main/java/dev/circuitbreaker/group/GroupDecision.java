package dev.circuitbreaker.group;

/**
 * A state for the local group to install on a store's word: a peer's decision, or the store's answer to one of
 * this instance's requests. Durations arrive as what is left of them, never as instants, and become deadlines on
 * the local {@code Ticker}. Immutable.
 *
 * @param state the state to install; {@link GroupState#HALF_OPEN} means "this instance runs the group's trial"
 * @param remainingNanos for OPEN, the nanoseconds until the wait is over; ignored otherwise
 * @param openWaitNanos the group's open wait that the state runs by (the base of the next backoff step); 0 keeps
 *     the local one
 * @param origin the instance that took the decision (this instance's id for answers to its own requests)
 * @param epoch the store's epoch of the decision; 0 if it has none
 */
public record GroupDecision(GroupState state, long remainingNanos, long openWaitNanos, String origin, long epoch) {

    /**
     *
     * @param epoch the epoch
     * @param openWaitNanos the open wait nanos
     * @param origin the origin
     * @param remainingNanos the remaining nanos
     * @param state the state
     * @throws IllegalArgumentException if the state or the origin is null, or a duration is negative
     */
    public GroupDecision {
        if (state == null || origin == null) {
            throw new IllegalArgumentException("state and origin must not be null but were " + state + ", " + origin);
        }
        if (remainingNanos < 0 || openWaitNanos < 0) {
            throw new IllegalArgumentException("durations must not be negative but were remainingNanos=" + remainingNanos
                    + ", openWaitNanos=" + openWaitNanos);
        }
    }
}
