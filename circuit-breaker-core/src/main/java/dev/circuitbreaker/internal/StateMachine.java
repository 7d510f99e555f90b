package dev.circuitbreaker.internal;

import dev.circuitbreaker.CircuitBreakerConfig;
import dev.circuitbreaker.CircuitState;
import dev.circuitbreaker.GroupTransition;
import dev.circuitbreaker.Ticker;
import dev.circuitbreaker.group.SharedGroupConfig;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The in-memory {@link Circuit}: one atomic reference to the current {@link State}. Thread-safe and lock-free; the
 * CLOSED state's window has a lock of its own (see {@link ClosedState}).
 *
 * <p>Every transition is a compare-and-set from the state object that was current to a fresh one, so a thread
 * that loses a race re-reads the current state and asks it again. A state that decides to leave publishes its
 * successor first; {@link #acquire()} and manual transitions help install a published successor before going on.
 *
 * <p>A machine of a shared group ({@link SharedGroupCircuit}) works the same way; each installed state is also told
 * to the group's store, and the store installs other instances' decisions through {@link #installRemote}, a
 * compare-and-set like any other. A machine that is not shared pays one null check per transition.
 */
public final class StateMachine implements Circuit {

    private static final VarHandle CURRENT;

    static {
        try {
            CURRENT = MethodHandles.lookup().findVarHandle(StateMachine.class, "current", State.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Ticker ticker;
    private final CopyOnWriteArrayList<TransitionObserver> observers = new CopyOnWriteArrayList<>();
    /** The group's sharing across instances, or {@code null} for an unshared machine. */
    private final SharedGroupCircuit shared;
    private volatile Policy policy;
    /** The current state: a field of its own rather than an {@code AtomicReference}, one load less per call. */
    private volatile State current;

    public StateMachine(CircuitBreakerConfig config, Ticker ticker) {
        this(config, ticker, null, null);
    }

    /** A machine whose group {@code group} is shared by {@code sharing}; both null for an unshared machine. */
    public StateMachine(CircuitBreakerConfig config, Ticker ticker, String group, SharedGroupConfig sharing) {
        this.ticker = ticker;
        this.policy = new Policy(config);
        this.shared = sharing == null ? null : new SharedGroupCircuit(this, group, sharing);
        this.current = new ClosedState(this);
    }

    /** The group's sharing across instances, or {@code null} if the machine is not shared. */
    public SharedGroupCircuit shared() {
        return shared;
    }

    @Override
    public CircuitBreakerConfig config() {
        return policy.config;
    }

    Ticker ticker() {
        return ticker;
    }

    Policy policy() {
        return policy;
    }

    @Override
    public CircuitState state() {
        return settled().kind();
    }

    @Override
    public Permission acquire() {
        for (;;) {
            State s = current;
            Permission p = s.acquire();
            if (p != null) {
                return p;
            }
            State next = s.successor();
            if (next != null) {
                install(s, next);
            }
        }
    }

    @Override
    public StateSnapshot snapshot() {
        State s = settled();
        long now = ticker.read();
        return new StateSnapshot(s.kind(), s.window(now), s.remainingWaitNanos(now), Math.max(0, now - s.enteredAt));
    }

    @Override
    public void transitionTo(CircuitState target) {
        for (;;) {
            State s = settle();
            if (s.kind() == target) {
                return;
            }
            if (replace(s, create(target, s), false)) {
                return;
            }
        }
    }

    @Override
    public void reset() {
        for (;;) {
            State s = settle();
            State next = new ClosedState(this);
            next.seq = s.seq + 1;
            if (CURRENT.compareAndSet(this, s, next)) {
                if (shared != null) {
                    shared.reportLocal(s, next, false);
                }
                if (s.kind() != CircuitState.CLOSED) {
                    notifyObservers(s.kind(), CircuitState.CLOSED, shared == null ? null : shared.localOrigin());
                }
                return;
            }
        }
    }

    /**
     * Runs by {@code config} from now on. The state and its timer are kept (an OPEN circuit stays OPEN with its
     * remaining wait; a HALF_OPEN one keeps its trial permits); a CLOSED window whose shape changed (type, size or
     * failure categories) starts empty, and any other window keeps its calls and is judged by the new rules from
     * its next outcome on. Not a transition: observers hear nothing.
     */
    @Override
    public void reconfigure(CircuitBreakerConfig config) {
        Policy old = policy;
        Policy next = new Policy(config);
        policy = next;
        if (next.sameWindowAs(old)) {
            return;
        }
        for (;;) {
            State s = settle();
            State fresh = new ClosedState(this);
            fresh.seq = s.seq; // the same period, with a window of the new shape: no decision for a group to hear of
            if (s.kind() != CircuitState.CLOSED || CURRENT.compareAndSet(this, s, fresh)) {
                return;
            }
        }
    }

    @Override
    public void addObserver(TransitionObserver observer) {
        observers.add(observer);
    }

    @Override
    public void removeObserver(TransitionObserver observer) {
        observers.remove(observer);
    }

    @Override
    public int observers() {
        return observers.size();
    }

    /** Installs {@code next} if {@code from} is still current: an automatic transition decided by {@code from}. */
    boolean install(State from, State next) {
        return replace(from, next, true);
    }

    private boolean replace(State from, State next, boolean automatic) {
        CircuitState a = from.kind();
        CircuitState b = next.kind();
        if (!(automatic ? Transitions.isAutomatic(a, b) : Transitions.isManual(a, b))) {
            throw new IllegalStateException("illegal " + (automatic ? "automatic" : "manual") + " transition " + a + " -> " + b);
        }
        next.seq = from.seq + 1;
        if (!CURRENT.compareAndSet(this, from, next)) {
            return false;
        }
        if (shared != null) {
            shared.reportLocal(from, next, automatic);
        }
        notifyObservers(a, b, shared == null ? null : shared.localOrigin());
        return true;
    }

    /**
     * Replaces {@code from} by {@code next} of the same kind without a transition (an OPEN that re-arms as awaiting
     * its group's trial): observers hear nothing, the group's store does.
     */
    boolean rearm(State from, State next) {
        next.seq = from.seq + 1;
        if (!CURRENT.compareAndSet(this, from, next)) {
            return false;
        }
        if (shared != null) {
            shared.reportLocal(from, next, true);
        }
        return true;
    }

    /**
     * Installs {@code next}, decided by a shared group's store, if the current state is still the one numbered
     * {@code expectedSeq} and has not decided to leave: a local decision always wins over a store's decision taken
     * without knowledge of it. Observers hear of a change of state, marked with {@code origin}.
     *
     * @return the sequence number of the installed state, or -1 if the current state has moved on
     */
    long installRemote(long expectedSeq, State next, GroupTransition origin) {
        State s = current;
        if (s.seq != expectedSeq || s.successor() != null) {
            return -1;
        }
        next.seq = s.seq + 1;
        if (!CURRENT.compareAndSet(this, s, next)) {
            return -1;
        }
        if (s.kind() != next.kind()) {
            notifyObservers(s.kind(), next.kind(), origin);
        }
        return next.seq;
    }

    /** The current state, not settled: what a shared group's store compares sequence numbers with. */
    State current() {
        return current;
    }

    /** Installs any published successor, then returns the current state. */
    private State settle() {
        for (;;) {
            State s = current;
            State next = s.successor();
            if (next == null) {
                return s;
            }
            install(s, next);
        }
    }

    /** The state that decides what readers see, without installing anything: reading never transitions. */
    private State settled() {
        State s = current;
        State next = s.successor();
        return next != null ? next : s;
    }

    private State create(CircuitState target, State from) {
        long now = ticker.read();
        return switch (target) {
            case CLOSED -> new ClosedState(this);
            case OPEN -> new OpenState(this, now, from.openWaitNanos(), from.window(now));
            case HALF_OPEN -> new HalfOpenState(this, from.openWaitNanos());
            case FORCED_OPEN -> new ForcedOpenState(this, from.window(now), from.openWaitNanos());
            case DISABLED -> new DisabledState(this);
        };
    }

    /** Tells every observer; one that throws anything is logged and the others still hear of it. */
    private void notifyObservers(CircuitState from, CircuitState to, GroupTransition origin) {
        for (TransitionObserver observer : observers) {
            try {
                observer.onTransition(from, to, origin);
            } catch (Throwable e) {
                Failures.log(observer, "circuit", e);
            }
        }
    }
}
