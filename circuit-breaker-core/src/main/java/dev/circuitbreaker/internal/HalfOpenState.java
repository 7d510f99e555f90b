package dev.circuitbreaker.internal;

import dev.circuitbreaker.CircuitState;
import java.util.concurrent.atomic.AtomicReference;

/**
 * HALF_OPEN: at most {@code permittedCallsInHalfOpenState} trial calls run at once. {@code successThreshold}
 * consecutive trial successes close the breaker; any trial failure (a recorded failure, or a slow call when the
 * slow-call rule is on) reopens it with the open wait multiplied by the backoff. An ignored trial only frees its
 * permit. A permit not reported within {@code maxWaitDurationInHalfOpenState} is freed, and its late report decides
 * nothing, so this state can never get stuck.
 *
 * <p>Permits, counts and the decision live in one immutable {@link Progress} swapped by compare-and-set: taking a
 * permit and reporting a result are each one atomic step, under any interleaving.
 */
final class HalfOpenState extends State {

    private final long openWaitNanos;
    private final Rejection rejection = new Rejection(CircuitState.HALF_OPEN, 0, false);
    private final AtomicReference<Progress> progress;

    HalfOpenState(StateMachine machine, long openWaitNanos) {
        super(machine, machine.ticker().read());
        this.openWaitNanos = openWaitNanos;
        this.progress = new AtomicReference<>(
                new Progress(new Trial[machine.config().permittedCallsInHalfOpenState()], 0, 0, 0, null));
    }

    @Override
    public CircuitState kind() {
        return CircuitState.HALF_OPEN;
    }

    @Override
    Permission acquire() {
        long now = machine.ticker().read();
        Trial trial = new Trial(now);
        for (;;) {
            Progress p = progress.get();
            if (p.successor != null) {
                return null;
            }
            int slot = p.freeSlot(now, machine.policy().maxHalfOpenWaitNanos);
            if (slot < 0) {
                return rejection;
            }
            Trial[] trials = p.trials.clone();
            trials[slot] = trial;
            if (progress.compareAndSet(p, new Progress(trials, p.successes, p.failures, p.slow, null))) {
                return trial;
            }
        }
    }

    @Override
    State successor() {
        return progress.get().successor;
    }

    @Override
    WindowSnapshot window(long tick) {
        Progress p = progress.get();
        return new WindowSnapshot(p.successes + p.failures, p.failures, p.slow);
    }

    @Override
    long openWaitNanos() {
        return openWaitNanos;
    }

    private void report(Trial trial, int code, long tick) {
        Policy policy = machine.policy();
        boolean expired = tick - trial.acquiredAt >= policy.maxHalfOpenWaitNanos;
        int kind = Outcomes.kind(code);
        boolean counts = !expired && kind != Outcomes.IGNORED;
        boolean slow = Outcomes.isSlow(code);
        boolean failed = kind == Outcomes.FAILURE || slow;
        for (;;) {
            Progress p = progress.get();
            int slot = p.indexOf(trial);
            if (p.successor != null || slot < 0) {
                return; // decided already, or the permit expired and was handed to another trial
            }
            Trial[] trials = p.trials.clone();
            trials[slot] = null;
            Progress next;
            if (!counts) {
                next = new Progress(trials, p.successes, p.failures, p.slow, null);
            } else if (failed) {
                int failures = p.failures + (kind == Outcomes.FAILURE ? 1 : 0);
                int slowCalls = p.slow + (slow ? 1 : 0);
                // The deciding trial is one call of the window, whether it failed or was only slow.
                State open = new OpenState(machine, tick, policy.nextWaitNanos(openWaitNanos),
                        new WindowSnapshot(p.successes + p.failures + 1, failures, slowCalls));
                next = new Progress(trials, p.successes, failures, slowCalls, open);
            } else {
                int successes = p.successes + 1;
                State closed = successes >= policy.config.successThreshold() ? new ClosedState(machine) : null;
                next = new Progress(trials, successes, p.failures, p.slow, closed);
            }
            if (progress.compareAndSet(p, next)) {
                if (next.successor != null) {
                    machine.install(this, next.successor);
                }
                return;
            }
        }
    }

    /** One trial permit; its identity tells a live report from a stale one. */
    final class Trial implements Permission {

        final long acquiredAt;

        Trial(long acquiredAt) {
            this.acquiredAt = acquiredAt;
        }

        @Override
        public void record(int code) {
            report(this, code, machine.ticker().read());
        }

        @Override
        public void record(int code, long tick) {
            report(this, code, tick);
        }
    }

    /** The trial permits in use, the counts so far and, once decided, the state to become. Immutable. */
    private record Progress(Trial[] trials, int successes, int failures, int slow, State successor) {

        int freeSlot(long now, long maxWaitNanos) {
            for (int i = 0; i < trials.length; i++) {
                Trial t = trials[i];
                if (t == null || now - t.acquiredAt >= maxWaitNanos) {
                    return i;
                }
            }
            return -1;
        }

        int indexOf(Trial trial) {
            for (int i = 0; i < trials.length; i++) {
                if (trials[i] == trial) {
                    return i;
                }
            }
            return -1;
        }
    }
}
