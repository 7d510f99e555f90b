package dev.circuitbreaker.internal;

import dev.circuitbreaker.CircuitState;

/**
 * OPEN: every call is rejected until {@code waitNanos} have elapsed since it opened ({@code >=}); the first call
 * after that moves the breaker to HALF_OPEN and becomes a trial. The window that tripped it stays visible.
 */
final class OpenState extends State {

    private final long openedAt;
    private final long waitNanos;
    private final WindowSnapshot tripped;
    private final Rejection rejection;

    OpenState(StateMachine machine, long openedAt, long waitNanos, WindowSnapshot tripped) {
        super(machine, openedAt);
        this.openedAt = openedAt;
        this.waitNanos = waitNanos;
        this.tripped = tripped;
        this.rejection = new Rejection(CircuitState.OPEN, openedAt + waitNanos, true);
    }

    @Override
    public CircuitState kind() {
        return CircuitState.OPEN;
    }

    @Override
    Permission acquire() {
        if (machine.ticker().read() - openedAt < waitNanos) {
            return rejection;
        }
        machine.install(this, new HalfOpenState(machine, waitNanos));
        return null;
    }

    @Override
    WindowSnapshot window(long tick) {
        return tripped;
    }

    @Override
    long remainingWaitNanos(long tick) {
        return Math.max(0, waitNanos - (tick - openedAt));
    }

    @Override
    long openWaitNanos() {
        return waitNanos;
    }
}
