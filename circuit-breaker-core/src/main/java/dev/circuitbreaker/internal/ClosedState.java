package dev.circuitbreaker.internal;

import dev.circuitbreaker.CircuitState;
import java.util.concurrent.locks.ReentrantLock;

/**
 * CLOSED: every call is permitted, and each outcome goes into the sliding window, after which the trip rules are
 * evaluated. The window is guarded by a lock, but a plain success into a window that is full of successes changes
 * nothing and skips it, so the steady healthy path takes no lock and writes no shared memory.
 */
final class ClosedState extends State implements Permission {

    private final ReentrantLock lock = new ReentrantLock();
    private final SlidingWindow window;
    /** Written under the lock, read without it: one more plain success would not change the window. */
    private volatile boolean fullOfSuccesses;
    private volatile State successor;

    ClosedState(StateMachine machine) {
        super(machine, machine.ticker().read());
        Policy policy = machine.policy();
        this.window = SlidingWindow.create(policy.config, policy.rules.categories(), enteredAt);
    }

    @Override
    public CircuitState kind() {
        return CircuitState.CLOSED;
    }

    @Override
    Permission acquire() {
        return successor == null ? this : null;
    }

    @Override
    State successor() {
        return successor;
    }

    @Override
    public void record(int code) {
        if (!skips(code)) {
            recordInWindow(code, window.needsTick() ? machine.ticker().read() : 0);
        }
    }

    @Override
    public void record(int code, long tick) {
        if (!skips(code)) {
            recordInWindow(code, tick);
        }
    }

    /** A plain success into a window full of successes, and an ignored outcome, change nothing. */
    private boolean skips(int code) {
        return code == Outcomes.SUCCESS && fullOfSuccesses || Outcomes.kind(code) == Outcomes.IGNORED;
    }

    private void recordInWindow(int code, long tick) {
        State decided = null;
        lock.lock();
        try {
            if (successor != null) {
                return;
            }
            window.record(code, tick);
            Policy policy = machine.policy();
            if (policy.rules.tripped(window)) {
                decided = new OpenState(machine, machine.ticker().read(), policy.baseWaitNanos, window.snapshot(tick));
                successor = decided;
            }
            fullOfSuccesses = window.isFullOfSuccesses();
        } finally {
            lock.unlock();
        }
        if (decided != null) {
            machine.install(this, decided);
        }
    }

    @Override
    WindowSnapshot window(long tick) {
        lock.lock();
        try {
            return window.snapshot(tick);
        } finally {
            lock.unlock();
        }
    }
}
