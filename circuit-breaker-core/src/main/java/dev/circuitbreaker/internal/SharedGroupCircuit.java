package dev.circuitbreaker.internal;

import dev.circuitbreaker.CircuitState;
import dev.circuitbreaker.GroupTransition;
import dev.circuitbreaker.group.GroupDecision;
import dev.circuitbreaker.group.GroupLink;
import dev.circuitbreaker.group.GroupState;
import dev.circuitbreaker.group.GroupStore;
import dev.circuitbreaker.group.GroupStoreStatus;
import dev.circuitbreaker.group.LocalDecision;
import dev.circuitbreaker.group.LocalState;
import dev.circuitbreaker.group.SharedGroupConfig;
import dev.circuitbreaker.group.SharedGroupState;

/**
 * The shared state of a group: the core's side of a {@link GroupStore}, wrapped around the group's
 * {@link StateMachine}. Calls are decided by the machine alone, as in an in-memory group; this class tells the
 * store of every installed local state ({@link #reportLocal}) and installs the store's decisions with the machine's
 * own compare-and-set ({@link #install}). Thread-safe.
 */
public final class SharedGroupCircuit implements SharedGroupState {

    private final StateMachine machine;
    private final String group;
    private final SharedGroupConfig config;
    private volatile GroupLink link;
    private volatile boolean storeAvailable;
    private volatile GroupTransition localOrigin;

    SharedGroupCircuit(StateMachine machine, String group, SharedGroupConfig config) {
        this.machine = machine;
        this.group = group;
        this.config = config;
        this.localOrigin = new GroupTransition(group, null, false, 0);
    }

    /** Starts sharing the group through {@code store}; called once, when the group is created. */
    public void attach(GroupStore store) {
        GroupLink attached = store.attach(this);
        if (attached == null) {
            throw new IllegalStateException(store + " attached group '" + group + "' to no link");
        }
        link = attached;
        localOrigin = new GroupTransition(group, attached.status().instance(), false, 0);
    }

    /** Stops sharing: the registry dropped the group. */
    public void detach() {
        GroupLink l = link;
        link = null;
        storeAvailable = false;
        if (l != null) {
            l.close();
        }
    }

    /** The store's view of the group, or {@code null} before it is attached. */
    public GroupStoreStatus status() {
        GroupLink l = link;
        return l == null ? null : l.status();
    }

    @Override
    public String group() {
        return group;
    }

    @Override
    public SharedGroupConfig config() {
        return config;
    }

    @Override
    public LocalState current() {
        State s = machine.current();
        long now = machine.ticker().read();
        return new LocalState(toGroup(s.kind()), s.seq, s.remainingWaitNanos(now), s.openWaitNanos());
    }

    @Override
    public long install(GroupDecision decision, long expectedSeq) {
        State s = machine.current();
        long now = machine.ticker().read();
        long wait = decision.openWaitNanos() > 0 ? decision.openWaitNanos() : s.openWaitNanos();
        State next = switch (decision.state()) {
            case CLOSED -> new ClosedState(machine);
            case OPEN -> new OpenState(machine, now, decision.remainingNanos(), wait, s.window(now), false);
            case HALF_OPEN -> new HalfOpenState(machine, wait);
            case FORCED_OPEN -> new ForcedOpenState(machine, s.window(now), wait);
            case DISABLED -> new DisabledState(machine);
        };
        GroupLink l = link;
        String self = l == null ? null : localOrigin.instance();
        boolean remote = self == null || !self.equals(decision.origin());
        return machine.installRemote(expectedSeq, next, new GroupTransition(group, decision.origin(), remote, decision.epoch()));
    }

    @Override
    public void storeAvailable(boolean available) {
        storeAvailable = available;
    }

    /** Whether an OPEN whose wait is over asks the store for the group's trial (else it runs one of its own). */
    boolean sharesTrials() {
        return storeAvailable && link != null;
    }

    long answerTimeoutNanos() {
        GroupLink l = link;
        return l == null ? 0 : l.answerTimeout().toNanos();
    }

    GroupTransition localOrigin() {
        return localOrigin;
    }

    /** Tells the store of a local state just installed in place of {@code from}; never throws. */
    void reportLocal(State from, State next, boolean automatic) {
        GroupLink l = link;
        if (l == null) {
            return;
        }
        long now = machine.ticker().read();
        LocalDecision decision = new LocalDecision(toGroup(next.kind()), cause(from, next, automatic), next.seq,
                next.remainingWaitNanos(now), next.openWaitNanos());
        try {
            l.localDecision(decision);
        } catch (Throwable e) {
            Failures.log(l, "shared group " + group, e);
        }
    }

    private static LocalDecision.Cause cause(State from, State next, boolean automatic) {
        if (!automatic) {
            return LocalDecision.Cause.MANUAL;
        }
        CircuitState a = from.kind();
        CircuitState b = next.kind();
        if (a == CircuitState.CLOSED) {
            return LocalDecision.Cause.TRIPPED;
        }
        if (a == CircuitState.HALF_OPEN) {
            return b == CircuitState.OPEN ? LocalDecision.Cause.TRIAL_FAILED : LocalDecision.Cause.TRIAL_PASSED;
        }
        return b == CircuitState.OPEN ? LocalDecision.Cause.TRIAL_WANTED : LocalDecision.Cause.LOCAL_TRIAL;
    }

    private static GroupState toGroup(CircuitState state) {
        return GroupState.valueOf(state.name());
    }
}
