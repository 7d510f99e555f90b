package dev.circuitbreaker.internal;

import dev.circuitbreaker.CircuitState;
import java.util.concurrent.locks.ReentrantLock;

/**
 * CLOSED: every call is permitted, and each outcome goes into the sliding window, after which the trip rules are
 * evaluated. The window is guarded by a lock, but a plain success into a COUNT_BASED window that is full of successes
 * changes nothing and skips it, so the steady healthy path takes no lock and writes no shared memory, and a plain
 * success into a TIME_BASED window is added with one compare-and-set when it cannot trip the window (see
 * {@link SlidingWindow#tryAddSuccess}). Both shortcuts rely on the window having been judged by the current rules
 * after its last other change; after a reconfiguration, the first outcome takes the lock and judges it.
 */
final class ClosedState extends State implements Permission {

    private final ReentrantLock lock = new ReentrantLock();
    private final SlidingWindow window;
    /** Written under the lock, read without it: one more plain success would not change the window. */
    private volatile boolean fullOfSuccesses;
    /** The policy whose rules last judged the window: the shortcuts apply only while it is still the current one. */
    private volatile Policy judgedBy;
    private volatile State successor;

    ClosedState(StateMachine machine) {
        super(machine, machine.ticker().read());
        Policy policy = machine.policy();
        this.window = SlidingWindow.create(policy.config, policy.rules.categories(), enteredAt);
        this.judgedBy = policy;
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
        record(code, window.needsTick() ? machine.ticker().read() : 0);
    }

    @Override
    public void record(int code, long tick) {
        if (Outcomes.kind(code) == Outcomes.IGNORED) {
            return;
        }
        if (code == Outcomes.SUCCESS) {
            if (fullOfSuccesses) {
                return; // changes nothing
            }
            Policy policy = judgedBy;
            if (policy == machine.policy() && window.tryAddSuccess(tick, policy.rules)) {
                return;
            }
        }
        recordInWindow(code, tick);
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
            judgedBy = policy;
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
