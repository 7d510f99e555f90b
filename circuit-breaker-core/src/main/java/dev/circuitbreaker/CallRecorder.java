package dev.circuitbreaker;

import dev.circuitbreaker.internal.Bulkhead;
import dev.circuitbreaker.internal.CallLedger;
import dev.circuitbreaker.internal.Circuit;
import dev.circuitbreaker.internal.ListenerList;
import dev.circuitbreaker.internal.Outcomes;
import dev.circuitbreaker.internal.Permission;
import dev.circuitbreaker.internal.Rejection;
import dev.circuitbreaker.internal.TransitionObserver;
import java.time.Clock;

/**
 * What a {@link CircuitBreaker} does around each call, apart from its public API: it takes the permit and the
 * bulkhead place, and records the outcome (counters and history, the bulkhead place, the state's decision, the
 * listeners). A superclass rather than a field, so the hot path reaches its parts without one more indirection.
 * Thread-safe; recording never throws.
 */
abstract class CallRecorder {

    final String name;
    final Ticker ticker;
    final Clock clock;
    final Circuit circuit;
    final CallLedger ledger;
    final Bulkhead bulkhead = new Bulkhead();
    final ListenerList<CircuitBreakerListener> listeners = new ListenerList<>();
    private final TransitionObserver observer = new TransitionObserver() {
        @Override
        public void onTransition(CircuitState from, CircuitState to) {
            onTransition(from, to, null);
        }

        @Override
        public void onTransition(CircuitState from, CircuitState to, GroupTransition origin) {
            CallRecorder.this.onTransition(from, to, origin);
        }
    };
    volatile BreakerSettings settings;
    /** The exception thrown for the current rejecting state's rejections, reused while that state lasts. */
    private volatile CircuitBreakerOpenException lastRejection;

    CallRecorder(String name, CircuitBreakerConfig config, Ticker ticker, Clock clock, Circuit circuit) {
        this.name = name;
        this.ticker = ticker;
        this.clock = clock;
        this.circuit = circuit;
        this.settings = new BreakerSettings(name, config);
        this.ledger = new CallLedger(config.historySize());
        circuit.addObserver(observer);
    }

    /** Takes a permit for a call the caller reports itself, timed from now if anything needs its duration. */
    TrackedCall permit() {
        BreakerSettings s = settings;
        Permission permission = acquire(s);
        boolean timed = s.timed || !listeners.isEmpty();
        return new TrackedCall(breaker(), s, permission, timed, timed ? ticker.read() : 0);
    }

    /** Stops hearing the shared circuit: the registry calls this when the breaker is removed. */
    void detach() {
        circuit.removeObserver(observer);
    }

    Circuit circuit() {
        return circuit;
    }

    /** Runs by {@code config} from now on; the registry has checked it and reconfigures the circuit itself. */
    void reconfigure(CircuitBreakerConfig config) {
        ledger.resize(config.historySize());
        settings = new BreakerSettings(name, config);
    }

    final Permission acquire(BreakerSettings s) {
        Permission permission = circuit.acquire();
        if (permission instanceof Rejection rejection) {
            throw rejected(rejection);
        }
        if (s.maxConcurrentCalls > 0 && !bulkhead.tryAcquire(s.maxConcurrentCalls)) {
            permission.record(Outcomes.ignored()); // frees a trial permit; decides nothing
            throw bulkheadFull(s);
        }
        return permission;
    }

    private CircuitBreakerOpenException rejected(Rejection rejection) {
        ledger.onNotPermitted();
        if (!listeners.isEmpty()) {
            listeners.forEach(name, l -> l.onCallNotPermitted(breaker()));
        }
        CircuitBreakerOpenException e = lastRejection;
        if (e == null || e.source != rejection) {
            e = new CircuitBreakerOpenException(name, rejection.state(), ticker, rejection.deadline(),
                    rejection.hasDeadline(), rejection);
            lastRejection = e;
        }
        return e;
    }

    private BulkheadFullException bulkheadFull(BreakerSettings s) {
        ledger.onBulkheadFull();
        if (!listeners.isEmpty()) {
            listeners.forEach(name, l -> l.onBulkheadFull(breaker()));
        }
        return s.bulkheadFull;
    }

    /**
     * Records a permitted call's outcome: counters and history, the bulkhead place, the listeners, then the state's
     * decision (whose transition the listeners hear after the outcome). Never throws.
     */
    void complete(BreakerSettings s, Permission permission, boolean timed, long start, Throwable error, boolean cancelled) {
        boolean ticked = timed || s.endTicked;
        long end = ticked ? ticker.read() : 0;
        long duration = timed ? end - start : -1;
        int code = s.outcome(error, duration, cancelled);
        if (error instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        ledger.record(end, duration, code, error);
        if (s.maxConcurrentCalls > 0) {
            bulkhead.release();
        }
        // The call's own outcome is heard before the transition it may cause, so a listener's log reads in order.
        if (!listeners.isEmpty()) {
            fireOutcome(code, error, duration);
        }
        if (ticked) {
            permission.record(code, end);
        } else {
            permission.record(code);
        }
    }

    private void fireOutcome(int code, Throwable error, long duration) {
        switch (Outcomes.kind(code)) {
            case Outcomes.SUCCESS -> listeners.forEach(name, l -> l.onSuccess(breaker(), duration));
            case Outcomes.FAILURE -> listeners.forEach(name, l -> l.onError(breaker(), error, duration));
            default -> listeners.forEach(name, l -> l.onIgnoredError(breaker(), error, duration));
        }
    }

    private void onTransition(CircuitState from, CircuitState to, GroupTransition origin) {
        listeners.forEach(name, l -> l.onStateTransition(breaker(), from, to));
        if (origin != null) {
            listeners.forEach(name, l -> l.onGroupTransition(breaker(), from, to, origin));
        }
    }

    private CircuitBreaker breaker() {
        return (CircuitBreaker) this;
    }
}
