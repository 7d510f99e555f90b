package dev.circuitbreaker.group;

/**
 * The state of a shared group in this instance at one moment. Immutable.
 *
 * @param state the local state
 * @param seq its sequence number: each installed local state has the next one
 * @param remainingNanos for OPEN, nanoseconds until the wait is over (0 once it is); else 0
 * @param openWaitNanos the open wait the state runs by (see {@link LocalDecision#openWaitNanos()})
 */
public record LocalState(GroupState state, long seq, long remainingNanos, long openWaitNanos) {
}
