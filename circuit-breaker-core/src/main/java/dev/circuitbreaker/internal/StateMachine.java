package dev.circuitbreaker.internal;

import dev.circuitbreaker.CircuitBreakerConfig;
import dev.circuitbreaker.CircuitState;
import dev.circuitbreaker.Ticker;
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
    private volatile Policy policy;
    /** The current state: a field of its own rather than an {@code AtomicReference}, one load less per call. */
    private volatile State current;

    public StateMachine(CircuitBreakerConfig config, Ticker ticker) {
        this.ticker = ticker;
        this.policy = new Policy(config);
        this.current = new ClosedState(this);
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
            if (CURRENT.compareAndSet(this, s, new ClosedState(this))) {
                if (s.kind() != CircuitState.CLOSED) {
                    notifyObservers(s.kind(), CircuitState.CLOSED);
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
            if (s.kind() != CircuitState.CLOSED || CURRENT.compareAndSet(this, s, new ClosedState(this))) {
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
        if (!CURRENT.compareAndSet(this, from, next)) {
            return false;
        }
        notifyObservers(a, b);
        return true;
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
    private void notifyObservers(CircuitState from, CircuitState to) {
        for (TransitionObserver observer : observers) {
            try {
                observer.onTransition(from, to);
            } catch (Throwable e) {
                Failures.log(observer, "circuit", e);
            }
        }
    }
}
