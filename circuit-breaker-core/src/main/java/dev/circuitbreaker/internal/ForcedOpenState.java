package dev.circuitbreaker.internal;

import dev.circuitbreaker.CircuitState;

/** FORCED_OPEN: every call is rejected until a manual transition; nothing else moves it. */
final class ForcedOpenState extends State {

    private final Rejection rejection = new Rejection(CircuitState.FORCED_OPEN, 0, false);
    private final WindowSnapshot frozen;
    private final long openWaitNanos;

    ForcedOpenState(StateMachine machine, WindowSnapshot frozen, long openWaitNanos) {
        super(machine, machine.ticker().read());
        this.frozen = frozen;
        this.openWaitNanos = openWaitNanos;
    }

    @Override
    public CircuitState kind() {
        return CircuitState.FORCED_OPEN;
    }

    @Override
    Permission acquire() {
        return rejection;
    }

    @Override
    WindowSnapshot window(long tick) {
        return frozen;
    }

    @Override
    long openWaitNanos() {
        return openWaitNanos;
    }
}
