package dev.circuitbreaker;

import dev.circuitbreaker.internal.CallLedger;
import dev.circuitbreaker.internal.ExceptionClassifier;
import dev.circuitbreaker.internal.Circuit;
import dev.circuitbreaker.internal.Permission;
import dev.circuitbreaker.internal.StateSnapshot;
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
 * shared circuit: the bulkhead, classification of exceptions, timing with the {@link Ticker}, the {@code CallLedger}
 * (cumulative counters and history) and listeners. A permitted call in a healthy CLOSED breaker and a rejection in
 * OPEN take no lock and allocate nothing; the ticker is read only when a rule or feature uses the reading (slow
 * calls, history, time windows, listeners). Recording an outcome never throws: listeners and an exception's
 * {@code getMessage()} are user code, so what they throw is caught and logged, and the caller always sees the
 * callee's own result or exception.
 */
public final class CircuitBreaker extends CallRecorder {

    CircuitBreaker(String name, CircuitBreakerConfig config, Ticker ticker, Clock clock, Circuit circuit) {
        super(name, config, ticker, clock, circuit);
    }

    /**
     * Creates a breaker with this config, the system ticker and the UTC clock.
     *
     * @param name the breaker's name
     * @param config its rules
     * @return the breaker
     * @throws IllegalArgumentException if the name is blank, or the config is null or names a group
     */
    public static CircuitBreaker of(String name, CircuitBreakerConfig config) {
        return builder(name).config(config).build();
    }

    /**
     * Creates a breaker with the default config.
     *
     * @param name the breaker's name
     * @return the breaker
     * @throws IllegalArgumentException if the name is blank
     */
    public static CircuitBreaker ofDefaults(String name) {
        return builder(name).build();
    }

    /**
     * Starts building a breaker called {@code name}.
     *
     * @param name the breaker's name
     * @return a builder with the default config, the system ticker and the UTC clock
     * @throws IllegalArgumentException if the name is blank
     */
    public static CircuitBreakerBuilder builder(String name) {
        return new CircuitBreakerBuilder(name);
    }

    /**
     * Runs {@code callable} if the breaker permits it. Its result is returned and its exception rethrown as the same
     * instance (checked ones too); an {@link InterruptedException} is rethrown with the interrupt flag set again.
     *
     * @param <T> the result type
     * @param callable the call
     * @return what the callable returned
     * @throws Exception what the callable threw, unchanged
     * @throws CallNotPermittedException if the call is not permitted; the callable is then not run
     */
    public <T> T call(Callable<T> callable) throws Exception {
        BreakerSettings s = settings;
        Permission permission = acquire(s);
        boolean timed = s.timed || !listeners.isEmpty();
        long start = timed ? ticker.read() : 0;
        T result;
        try {
            result = callable.call();
        } catch (Throwable t) {
            complete(s, permission, timed, start, t, false);
            throw t;
        }
        complete(s, permission, timed, start, null, false);
        return result;
    }

    /**
     * Like {@link #call(Callable)} for code that throws no checked exception.
     *
     * @param <T> the result type
     * @param supplier the call
     * @return what the supplier returned
     * @throws CallNotPermittedException if the call is not permitted; the supplier is then not run
     */
    public <T> T get(Supplier<T> supplier) {
        BreakerSettings s = settings;
        Permission permission = acquire(s);
        boolean timed = s.timed || !listeners.isEmpty();
        long start = timed ? ticker.read() : 0;
        T result;
        try {
            result = supplier.get();
        } catch (Throwable t) {
            complete(s, permission, timed, start, t, false);
            throw t;
        }
        complete(s, permission, timed, start, null, false);
        return result;
    }

    /**
     * Like {@link #call(Callable)} for code that returns nothing.
     *
     * @param runnable the call
     * @throws CallNotPermittedException if the call is not permitted; the runnable is then not run
     */
    public void run(Runnable runnable) {
        get(() -> {
            runnable.run();
            return null;
        });
    }

    /**
     * Like {@link #call(Callable)} for code that may throw any throwable, as an intercepted method does.
     *
     * @param <T> the result type
     * @param supplier the call
     * @return what the supplier returned
     * @throws Throwable what the supplier threw, unchanged
     * @throws CallNotPermittedException if the call is not permitted; the supplier is then not run
     */
    public <T> T execute(CheckedSupplier<T> supplier) throws Throwable {
        BreakerSettings s = settings;
        Permission permission = acquire(s);
        boolean timed = s.timed || !listeners.isEmpty();
        long start = timed ? ticker.read() : 0;
        T result;
        try {
            result = supplier.get();
        } catch (Throwable t) {
            complete(s, permission, timed, start, t, false);
            throw t;
        }
        complete(s, permission, timed, start, null, false);
        return result;
    }

    /**
     * Starts an asynchronous call if the breaker permits it: the permit is taken now and the outcome recorded when
     * the stage completes ({@link java.util.concurrent.CompletionException}s unwrapped before classification), always
     * before the returned future completes. A rejection, or an exception thrown by the supplier itself, comes back as
     * a failed future, not a throw. With a {@code callTimeout}, a stage not complete in time fails the returned
     * future with a {@link java.util.concurrent.TimeoutException} (recorded like any exception) and is cancelled.
     * Cancelling the returned future, or the supplied stage being cancelled, frees the permit and counts as ignored.
     *
     * @param <T> the result type
     * @param supplier starts the call and returns its stage
     * @return a future completed exactly as the supplied stage is, or with the rejection or timeout
     */
    public <T> CompletableFuture<T> callAsync(Supplier<? extends CompletionStage<T>> supplier) {
        TrackedCall call;
        try {
            call = permit();
        } catch (CallNotPermittedException rejected) {
            return CompletableFuture.failedFuture(rejected);
        }
        CompletionStage<T> stage;
        try {
            stage = supplier.get();
            if (stage == null) {
                throw new NullPointerException("the supplier given to callAsync of '" + name + "' returned null");
            }
        } catch (Throwable t) {
            call.report(t, false);
            return CompletableFuture.failedFuture(t);
        }
        return AsyncOutcome.track(call, stage, name);
    }

    /**
     * Takes a permit for one call that the caller runs and reports itself (see {@link CallPermit}); for code that
     * cannot hand the breaker a callable, such as reactive operators. The call is timed from now.
     *
     * @return the permit, to report to exactly once
     * @throws CallNotPermittedException if the call is not permitted (it is counted as such)
     */
    public CallPermit acquirePermit() {
        return permit();
    }

    /**
     * Whether {@code error} thrown by a call would be recorded as a failure (not ignored, not a success).
     *
     * @param error an exception a call might throw
     * @return whether it counts as a failure
     */
    public boolean isRecordedFailure(Throwable error) {
        return settings.classifier.classify(error) >= 0;
    }

    /**
     * How a call that ended with {@code error} would be counted: a recorded failure, an ignored call, or (for
     * {@code null} and exceptions that are not recorded) a success. For adapters that report on calls, such as
     * tracing; a rejection is not a call's outcome and is not classified here.
     *
     * @param error what a call threw, or {@code null} if it returned
     * @return the outcome it counts as
     */
    public CallResult.Outcome classify(Throwable error) {
        if (error == null) {
            return CallResult.Outcome.SUCCESS;
        }
        int category = settings.classifier.classify(error);
        return category >= 0 ? CallResult.Outcome.FAILURE
                : category == ExceptionClassifier.IGNORED ? CallResult.Outcome.IGNORED : CallResult.Outcome.SUCCESS;
    }

    /**
     * {@return the current state} Reading it never changes it: an elapsed OPEN wait shows as OPEN until a call
     * arrives.
     */
    public CircuitState state() {
        return circuit.state();
    }

    /** {@return a snapshot of the counters and the current window} Reading it never changes the state. */
    public CircuitBreakerStats stats() {
        StateSnapshot snapshot = circuit.snapshot();
        WindowSnapshot window = snapshot.window();
        CallLedger.Totals c = ledger.totals();
        BreakerSettings s = settings;
        return new CircuitBreakerStats(snapshot.state(), c.total(), c.successful(), c.failed(), c.ignored(),
                c.notPermitted(), c.bulkheadFull(), c.slow(), window.bufferedCalls(), window.failedCalls(),
                window.slowCalls(), s.rules.rate(window.failedCalls(), window.bufferedCalls()),
                s.rules.rate(window.slowCalls(), window.bufferedCalls()), bulkhead.running(),
                Duration.ofNanos(snapshot.remainingWaitNanos()), Duration.ofNanos(snapshot.timeInStateNanos()));
    }

    /** {@return the last {@code historySize} finished calls, oldest first (rejected calls are counted, not listed)} */
    public List<CallResult> history() {
        return ledger.history(clock.instant(), ticker.read());
    }

    /** {@return the breaker's name, unique in its registry} */
    public String name() {
        return name;
    }

    /** {@return the config the breaker runs by now (a registry may reconfigure it at run time)} */
    public CircuitBreakerConfig config() {
        return settings.config;
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

    /**
     * Adds a listener; the returned handle removes it.
     *
     * @param listener hears this breaker's events
     * @return the handle that removes it
     * @throws IllegalArgumentException if the listener is null
     */
    public ListenerRegistration addListener(CircuitBreakerListener listener) {
        return listeners.add(listener);
    }

    @Override
    public String toString() {
        return "CircuitBreaker[" + name + ", " + state() + "]";
    }
}
