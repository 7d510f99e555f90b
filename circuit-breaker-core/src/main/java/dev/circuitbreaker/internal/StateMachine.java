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

    private final CircuitBreakerConfig config;
    private final Ticker ticker;
    private final TripRules rules;
    private final long baseWaitNanos;
    private final long maxWaitNanos;
    private final double backoffMultiplier;
    private final long maxHalfOpenWaitNanos;
    private final CopyOnWriteArrayList<TransitionObserver> observers = new CopyOnWriteArrayList<>();
    /** The current state: a field of its own rather than an {@code AtomicReference}, one load less per call. */
    private volatile State current;

    public StateMachine(CircuitBreakerConfig config, Ticker ticker) {
        this.config = config;
        this.ticker = ticker;
        this.rules = new TripRules(config);
        this.baseWaitNanos = config.waitDurationInOpenState().toNanos();
        this.maxWaitNanos = Math.max(baseWaitNanos, config.maxWaitDurationInOpenState().toNanos());
        this.backoffMultiplier = config.backoffMultiplier();
        this.maxHalfOpenWaitNanos = config.maxWaitDurationInHalfOpenState().toNanos();
        this.current = new ClosedState(this);
    }

    @Override
    public CircuitBreakerConfig config() {
        return config;
    }

    Ticker ticker() {
        return ticker;
    }

    TripRules rules() {
        return rules;
    }

    long baseWaitNanos() {
        return baseWaitNanos;
    }

    long maxHalfOpenWaitNanos() {
        return maxHalfOpenWaitNanos;
    }

    /** The open wait after one more failed recovery: multiplied by the backoff, capped. */
    long nextWaitNanos(long waitNanos) {
        if (backoffMultiplier == 1.0) {
            return waitNanos;
        }
        double next = waitNanos * backoffMultiplier;
        return next >= maxWaitNanos ? maxWaitNanos : (long) next;
    }

    @Override
    public CircuitState state() {
        State s = current;
        State next = s.successor();
        return next != null ? next.kind() : s.kind();
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
    public WindowSnapshot window() {
        return settled().window(ticker.read());
    }

    @Override
    public long remainingWaitNanos() {
        return settled().remainingWaitNanos(ticker.read());
    }

    @Override
    public long timeInStateNanos() {
        return Math.max(0, ticker.read() - settled().enteredAt);
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

    private void notifyObservers(CircuitState from, CircuitState to) {
        for (TransitionObserver observer : observers) {
            observer.onTransition(from, to);
        }
    }
}
