package dev.circuitbreaker.internal;

import dev.circuitbreaker.CircuitState;

/** DISABLED: every call is permitted and counted by its breaker; nothing is recorded in a window or decided. */
final class DisabledState extends State implements Permission {

    DisabledState(StateMachine machine) {
        super(machine, machine.ticker().read());
    }

    @Override
    public CircuitState kind() {
        return CircuitState.DISABLED;
    }

    @Override
    Permission acquire() {
        return this;
    }

    @Override
    public void record(int code) {
        // Decides nothing.
    }

    @Override
    public void record(int code, long tick) {
        // Decides nothing.
    }

    @Override
    WindowSnapshot window(long tick) {
        return WindowSnapshot.EMPTY;
    }
}
