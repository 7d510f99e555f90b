package dev.circuitbreaker.group;

/**
 * A decision this instance took for its shared group and has already installed locally, told to the store right
 * after the installation, on the deciding thread. Immutable.
 *
 * @param state the state installed
 * @param cause why it was installed
 * @param seq the sequence number of the installed local state (see {@link SharedGroupState#install})
 * @param remainingNanos for OPEN, the nanoseconds until the wait is over; else 0
 * @param openWaitNanos the open wait this state runs by: for OPEN its whole wait (the group's backed-off wait), for
 *     other states the wait a following trip or manual OPEN would start with
 */
public record LocalDecision(GroupState state, Cause cause, long seq, long remainingNanos, long openWaitNanos) {

    /** Why the local state changed. */
    public enum Cause {
        /** CLOSED to OPEN: this instance's own window tripped. */
        TRIPPED,
        /** HALF_OPEN to OPEN: a trial failed; the wait is the backed-off one. */
        TRIAL_FAILED,
        /** HALF_OPEN to CLOSED: the trials passed. */
        TRIAL_PASSED,
        /**
         * OPEN stays OPEN: its wait is over and the instance asks the store for the group's trial. Until the store
         * answers (with {@link SharedGroupState#install}) calls keep being rejected, for at most
         * {@link GroupLink#answerTimeout()}; then the instance runs a trial of its own.
         */
        TRIAL_WANTED,
        /**
         * OPEN to HALF_OPEN without the store: it was unavailable, or did not answer a {@link #TRIAL_WANTED} in
         * time. The verdict of such a trial is local.
         */
        LOCAL_TRIAL,
        /** An operator's transition (the API or an endpoint), {@code reset()} included. */
        MANUAL
    }
}
