package dev.circuitbreaker.internal;

import dev.circuitbreaker.CircuitState;

/**
 * OPEN: every call is rejected until the wait has elapsed since it opened ({@code >=}); the first call after that
 * moves the breaker to HALF_OPEN and becomes a trial. The window that tripped it stays visible.
 *
 * <p>In a shared group whose store is available, the first call after the wait instead re-arms OPEN as
 * <em>awaiting</em> the group's trial and asks the store for it (see {@link SharedGroupCircuit}); the store answers
 * by installing HALF_OPEN (this instance runs the trial) or another OPEN. An awaiting OPEN whose answer does not
 * come within the store's answer timeout lets a trial of this instance's own in, as an in-memory group would.
 */
final class OpenState extends State {

    private final long openedAt;
    /** Nanoseconds from {@code openedAt} until calls may be let in again. */
    private final long remainingNanos;
    /** The open wait this period runs by: the base of the next backoff step. */
    private final long waitNanos;
    private final boolean awaitingTrial;
    private final WindowSnapshot tripped;
    private final Rejection rejection;

    OpenState(StateMachine machine, long openedAt, long waitNanos, WindowSnapshot tripped) {
        this(machine, openedAt, waitNanos, waitNanos, tripped, false);
    }

    OpenState(StateMachine machine, long openedAt, long remainingNanos, long waitNanos, WindowSnapshot tripped,
            boolean awaitingTrial) {
        super(machine, openedAt);
        this.openedAt = openedAt;
        this.remainingNanos = remainingNanos;
        this.waitNanos = waitNanos;
        this.tripped = tripped;
        this.awaitingTrial = awaitingTrial;
        this.rejection = new Rejection(CircuitState.OPEN, openedAt + remainingNanos, true);
    }

    @Override
    public CircuitState kind() {
        return CircuitState.OPEN;
    }

    @Override
    Permission acquire() {
        long now = machine.ticker().read();
        if (now - openedAt < remainingNanos) {
            return rejection;
        }
        SharedGroupCircuit shared = machine.shared();
        if (shared == null || awaitingTrial || !shared.sharesTrials()) {
            machine.install(this, new HalfOpenState(machine, waitNanos));
        } else {
            machine.rearm(this, new OpenState(machine, now, shared.answerTimeoutNanos(), waitNanos, tripped, true));
        }
        return null;
    }

    @Override
    WindowSnapshot window(long tick) {
        return tripped;
    }

    @Override
    long remainingWaitNanos(long tick) {
        return Math.max(0, remainingNanos - (tick - openedAt));
    }

    @Override
    long openWaitNanos() {
        return waitNanos;
    }

    /** Whether this OPEN's wait is over and it waits for the store's answer about the group's trial. */
    boolean awaitingTrial() {
        return awaitingTrial;
    }
}
