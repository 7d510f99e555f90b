package dev.circuitbreaker;

import dev.circuitbreaker.internal.CallHistory;
import dev.circuitbreaker.internal.CallLedger;
import dev.circuitbreaker.internal.Circuit;
import dev.circuitbreaker.internal.ExceptionClassifier;
import dev.circuitbreaker.internal.ListenerList;
import dev.circuitbreaker.internal.Outcomes;
import dev.circuitbreaker.internal.Permission;
import dev.circuitbreaker.internal.Rejection;
import dev.circuitbreaker.internal.StateMachine;
import dev.circuitbreaker.internal.TransitionObserver;
import dev.circuitbreaker.internal.TripRules;
import dev.circuitbreaker.internal.WindowSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * A circuit breaker: fails fast while a downstream is failing, and lets trial calls find out when it has recovered.
 * Thread-safe; one instance protects one downstream for any number of threads.
 *
 * <h2>Design</h2>
 * The state machine ({@link Circuit}, in memory a {@code StateMachine}) holds one immutable-identity state object
 * per period (CLOSED, OPEN, HALF_OPEN, FORCED_OPEN, DISABLED) behind one atomic reference; a transition is a
 * compare-and-set that installs a fresh object, and the legal moves are a table ({@code Transitions}). A call asks
 * the current state for a permit, runs, and reports its outcome to that same permit, so a report that arrives after
 * the state moved on decides nothing. This class adds what belongs to one named breaker in front of a possibly
 * shared circuit: classification of exceptions, timing with the {@link Ticker}, cumulative counters, history and
 * listeners. A permitted call in a healthy CLOSED breaker and a rejection in OPEN take no lock and allocate nothing;
 * the ticker is read only when a rule or feature uses the reading (slow calls, history, time windows, listeners).
 * Listeners run on the calling thread after a transition is installed, outside any lock, and cannot break a call.
 */
public final class CircuitBreaker {

    private static final long NO_TICK = Permission.NO_TICK;

    private final String name;
    private final CircuitBreakerConfig config;
    private final Ticker ticker;
    private final Clock clock;
    private final Circuit circuit;
    private final ExceptionClassifier classifier;
    private final TripRules rules;
    /** Read on every timed call, so held here as well as in the ledger: one load less per call. */
    private final CallHistory history;
    private final CallLedger ledger;
    private final ListenerList<CircuitBreakerListener> listeners = new ListenerList<>();
    private final TransitionObserver observer = this::onTransition;
    /** Calls need a start reading: slow-call rule or history. */
    private final boolean timed;
    /** Outcomes need an end reading even when calls are not timed: time-based windows. */
    private final boolean endTicked;
    private final long slowNanos;
    /** The exception thrown for the current rejecting state's rejections, reused while that state lasts. */
    private volatile CircuitBreakerOpenException lastRejection;

    CircuitBreaker(String name, CircuitBreakerConfig config, Ticker ticker, Clock clock, Circuit circuit) {
        this.name = name;
        this.config = config;
        this.ticker = ticker;
        this.clock = clock;
        this.circuit = circuit;
        this.classifier = new ExceptionClassifier(config);
        this.rules = new TripRules(config);
        this.history = new CallHistory(config.historySize());
        this.ledger = new CallLedger(history);
        this.slowNanos = config.hasSlowCallRule() ? config.slowCallDurationThreshold().toNanos() : Long.MAX_VALUE;
        this.timed = config.hasSlowCallRule() || history.enabled();
        this.endTicked = config.slidingWindowType() == SlidingWindowType.TIME_BASED;
        circuit.addObserver(observer);
    }

    /** Creates a breaker with this config, the system ticker and the UTC clock. */
    public static CircuitBreaker of(String name, CircuitBreakerConfig config) {
        return builder(name).config(config).build();
    }

    /** Creates a breaker with the default config. */
    public static CircuitBreaker ofDefaults(String name) {
        return builder(name).build();
    }

    /** Starts building a breaker called {@code name}. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /**
     * Runs {@code callable} if the breaker permits it. Its result is returned and its exception rethrown as the same
     * instance (checked ones too); an {@link InterruptedException} is rethrown with the interrupt flag set again.
     *
     * @throws CircuitBreakerOpenException if the call is not permitted; the callable is then not run
     */
    public <T> T call(Callable<T> callable) throws Exception {
        Permission permission = acquire();
        long start = startTick();
        T result;
        try {
            result = callable.call();
        } catch (Throwable t) {
            complete(permission, start, t);
            throw t;
        }
        complete(permission, start, null);
        return result;
    }

    /** Like {@link #call(Callable)} for code that throws no checked exception. */
    public <T> T get(Supplier<T> supplier) {
        Permission permission = acquire();
        long start = startTick();
        T result;
        try {
            result = supplier.get();
        } catch (Throwable t) {
            complete(permission, start, t);
            throw t;
        }
        complete(permission, start, null);
        return result;
    }

    /** Like {@link #call(Callable)} for code that returns nothing. */
    public void run(Runnable runnable) {
        get(() -> {
            runnable.run();
            return null;
        });
    }

    /** Like {@link #call(Callable)} for code that may throw any throwable, as an intercepted method does. */
    public <T> T execute(CheckedSupplier<T> supplier) throws Throwable {
        Permission permission = acquire();
        long start = startTick();
        T result;
        try {
            result = supplier.get();
        } catch (Throwable t) {
            complete(permission, start, t);
            throw t;
        }
        complete(permission, start, null);
        return result;
    }

    /**
     * Starts an asynchronous call if the breaker permits it: the permit is taken now and the outcome recorded when
     * the stage completes ({@link java.util.concurrent.CompletionException}s unwrapped before classification). A rejection, or an
     * exception thrown by the supplier itself, comes back as a failed future, not a throw. Cancelling the returned
     * future, or the supplied stage being cancelled, frees the permit and counts as ignored.
     *
     * @return a future completed exactly as the supplied stage is
     */
    public <T> CompletableFuture<T> callAsync(Supplier<? extends CompletionStage<T>> supplier) {
        Permission permission;
        try {
            permission = acquire();
        } catch (CircuitBreakerOpenException rejected) {
            return CompletableFuture.failedFuture(rejected);
        }
        long start = startTick();
        CompletionStage<T> stage;
        try {
            stage = supplier.get();
            if (stage == null) {
                throw new NullPointerException("the supplier given to callAsync of '" + name + "' returned null");
            }
        } catch (Throwable t) {
            complete(permission, start, t);
            return CompletableFuture.failedFuture(t);
        }
        return AsyncOutcome.track(stage, (error, cancelled) -> complete(permission, start, error, cancelled));
    }

    /** Whether {@code error} thrown by a call would be recorded as a failure (not ignored, not a success). */
    public boolean isRecordedFailure(Throwable error) {
        return classifier.classify(error) >= 0;
    }

    /** The current state. Reading it never changes it: an elapsed OPEN wait shows as OPEN until a call arrives. */
    public CircuitState state() {
        return circuit.state();
    }

    /** A snapshot of the counters and the current window. Reading it never changes the state. */
    public CircuitBreakerStats stats() {
        CircuitState state = circuit.state();
        WindowSnapshot window = circuit.window();
        CallLedger.Totals c = ledger.totals();
        return new CircuitBreakerStats(state, c.successful() + c.failed() + c.ignored() + c.notPermitted(),
                c.successful(), c.failed(), c.ignored(), c.notPermitted(), c.slow(),
                window.bufferedCalls(), window.failedCalls(), window.slowCalls(),
                rules.rate(window.failedCalls(), window.bufferedCalls()),
                rules.rate(window.slowCalls(), window.bufferedCalls()),
                Duration.ofNanos(circuit.remainingWaitNanos()),
                Duration.ofNanos(circuit.timeInStateNanos()));
    }

    /** The last {@code historySize} finished calls, oldest first (rejected calls are counted, not listed). */
    public List<CallResult> history() {
        return ledger.history(clock.instant(), ticker.read());
    }

    public String name() {
        return name;
    }

    public CircuitBreakerConfig config() {
        return config;
    }

    /** Opens the breaker now; the open wait starts now, without growing the backoff. No-op if already OPEN. */
    public void transitionToOpen() {
        circuit.transitionTo(CircuitState.OPEN);
    }

    /** Closes the breaker with an empty window and no backoff. No-op if already CLOSED. */
    public void transitionToClosed() {
        circuit.transitionTo(CircuitState.CLOSED);
    }

    /** Lets trial calls in now. No-op if already HALF_OPEN. */
    public void transitionToHalfOpen() {
        circuit.transitionTo(CircuitState.HALF_OPEN);
    }

    /** Rejects every call until another manual transition. */
    public void forceOpen() {
        circuit.transitionTo(CircuitState.FORCED_OPEN);
    }

    /** Permits every call and decides nothing until another manual transition; calls are still counted. */
    public void disable() {
        circuit.transitionTo(CircuitState.DISABLED);
    }

    /**
     * Back to CLOSED with an empty window and no backoff, and this breaker's counters and history cleared. In a
     * circuit group the shared state is reset for every member; the other members keep their counters.
     */
    public void reset() {
        circuit.reset();
        ledger.reset();
    }

    /** Adds a listener; the returned handle removes it. */
    public ListenerRegistration addListener(CircuitBreakerListener listener) {
        return listeners.add(listener);
    }

    @Override
    public String toString() {
        return "CircuitBreaker[" + name + ", " + state() + "]";
    }

    /** Stops hearing the shared circuit: the registry calls this when the breaker is removed. */
    void detach() {
        circuit.removeObserver(observer);
    }

    Circuit circuit() {
        return circuit;
    }

    private Permission acquire() {
        Permission permission = circuit.acquire();
        if (permission.permitted()) {
            return permission;
        }
        ledger.onNotPermitted();
        if (!listeners.isEmpty()) {
            listeners.forEach(name, l -> l.onCallNotPermitted(this));
        }
        throw rejection((Rejection) permission);
    }

    private CircuitBreakerOpenException rejection(Rejection rejection) {
        CircuitBreakerOpenException e = lastRejection;
        if (e == null || e.source != rejection) {
            e = new CircuitBreakerOpenException(name, rejection.state(), ticker, rejection.deadline(),
                    rejection.hasDeadline(), rejection);
            lastRejection = e;
        }
        return e;
    }

    private long startTick() {
        return timed || !listeners.isEmpty() ? ticker.read() : NO_TICK;
    }

    private void complete(Permission permission, long start, Throwable error) {
        complete(permission, start, error, false);
    }

    private void complete(Permission permission, long start, Throwable error, boolean cancelled) {
        long end = start != NO_TICK || endTicked ? ticker.read() : NO_TICK;
        long duration = start != NO_TICK ? end - start : -1;
        int code;
        if (error == null) {
            code = Outcomes.success(duration > slowNanos);
        } else {
            int category = cancelled ? ExceptionClassifier.IGNORED : classifier.classify(error);
            code = category == ExceptionClassifier.IGNORED ? Outcomes.ignored()
                    : category == ExceptionClassifier.SUCCESS ? Outcomes.success(duration > slowNanos)
                    : Outcomes.failure(category, duration > slowNanos);
            if (error instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
        if (!history.add(end, duration, code, error)) {
            ledger.onUnrecordedOutcome(code);
        }
        permission.record(code, end);
        if (!listeners.isEmpty()) {
            fireOutcome(code, error, duration);
        }
    }

    private void fireOutcome(int code, Throwable error, long duration) {
        switch (Outcomes.kind(code)) {
            case Outcomes.SUCCESS -> listeners.forEach(name, l -> l.onSuccess(this, duration));
            case Outcomes.FAILURE -> listeners.forEach(name, l -> l.onError(this, error, duration));
            default -> listeners.forEach(name, l -> l.onIgnoredError(this, error, duration));
        }
    }

    private void onTransition(CircuitState from, CircuitState to) {
        listeners.forEach(name, l -> l.onStateTransition(this, from, to));
    }

    /** Builds a {@link CircuitBreaker}. Not thread-safe. */
    public static final class Builder {

        private final String name;
        private CircuitBreakerConfig config = CircuitBreakerConfig.ofDefaults();
        private Ticker ticker = Ticker.systemTicker();
        private Clock clock = Clock.systemUTC();

        private Builder(String name) {
            this.name = Arguments.requireName(name);
        }

        /** The rules; default {@link CircuitBreakerConfig#ofDefaults()}. @throws IllegalArgumentException if null */
        public Builder config(CircuitBreakerConfig config) {
            this.config = Arguments.requireNonNull("config", config);
            return this;
        }

        /** The source of durations; default {@link Ticker#systemTicker()}. @throws IllegalArgumentException if null */
        public Builder ticker(Ticker ticker) {
            this.ticker = Arguments.requireNonNull("ticker", ticker);
            return this;
        }

        /** The clock that stamps history entries; default UTC. @throws IllegalArgumentException if null */
        public Builder clock(Clock clock) {
            this.clock = Arguments.requireNonNull("clock", clock);
            return this;
        }

        /**
         * Builds the breaker.
         *
         * @throws IllegalArgumentException if the config names a group: groups live in a {@link CircuitBreakerRegistry}
         */
        public CircuitBreaker build() {
            if (config.group() != null) {
                throw new IllegalArgumentException("config of '" + name + "' has group \"" + config.group()
                        + "\": grouped breakers share state through a CircuitBreakerRegistry; create it with registry.circuitBreaker(name, config)");
            }
            return new CircuitBreaker(name, config, ticker, clock, new StateMachine(config, ticker));
        }
    }
}
