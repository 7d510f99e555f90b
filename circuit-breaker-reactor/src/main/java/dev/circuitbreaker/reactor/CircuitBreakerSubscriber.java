package dev.circuitbreaker.reactor;

import dev.circuitbreaker.CallNotPermittedException;
import dev.circuitbreaker.CallPermit;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.reactivestreams.Subscription;
import reactor.core.CorePublisher;
import reactor.core.CoreSubscriber;
import reactor.core.Disposable;
import reactor.core.Scannable;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

/**
 * One guarded subscription: holds its {@link CallPermit} and reports exactly one outcome to it, whichever of the
 * terminal signal, a Mono's value, the downstream's cancellation and the call timeout comes first.
 *
 * <h2>Concurrency</h2>
 * The upstream's signals are serial (Reactive Streams); what races them is the downstream's {@code cancel} and the
 * timeout, which runs on a scheduler thread. One {@code state} word decides: the first signal that sets
 * {@link #DECIDED} with a compare-and-set reports the outcome, and only the signals of that winner go downstream, so
 * the downstream never sees two terminal signals nor a value after its error. A timeout that arrives while a Flux's
 * {@code onNext} is running downstream cannot signal at the same time: it reports the outcome and cancels the
 * upstream at once, marks {@link #TIMED_OUT}, and the thread in {@code onNext} delivers the error when the value is
 * through. The timer is disposed by whichever signal decides first; a timer scheduled after that is disposed as it is
 * stored. The outcome is always reported before its signal goes downstream.
 */
final class CircuitBreakerSubscriber<T> implements CoreSubscriber<T>, Subscription, Scannable, Runnable {

    /** A Flux's {@code onNext} is running downstream. */
    private static final int EMITTING = 1;
    /** The outcome is reported: a terminal signal, a Mono's value, a timeout or a cancellation came first. */
    private static final int DECIDED = 2;
    /** A timeout decided during an {@code onNext}; that {@code onNext}'s thread delivers the error. */
    private static final int TIMED_OUT = 4;
    /** The downstream cancelled before the outcome. */
    private static final int CANCELLED = 8;

    /** Stored in place of the timer once the outcome is decided: a timer that arrives later is disposed at once. */
    private static final Disposable NO_TIMER = () -> { };

    private static final VarHandle STATE;
    private static final VarHandle TIMER;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            STATE = lookup.findVarHandle(CircuitBreakerSubscriber.class, "state", int.class);
            TIMER = lookup.findVarHandle(CircuitBreakerSubscriber.class, "timer", Disposable.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final CoreSubscriber<? super T> actual;
    private final CallPermit permit;
    private final CircuitBreakerOperator<?> operator;
    /** A Mono: its first value is the call's success. */
    private final boolean single;
    private final long timeoutNanos;
    private Subscription upstream;
    /** A Mono's value went downstream; its {@code onComplete} follows. Upstream thread only. */
    private boolean valueDelivered;
    /** The timeout that decided during an {@code onNext}; written before {@link #TIMED_OUT} is set. */
    private Throwable pendingError;
    private volatile int state;
    private volatile Disposable timer;

    private CircuitBreakerSubscriber(CoreSubscriber<? super T> actual, CallPermit permit, CircuitBreakerOperator<?> operator,
            boolean single, long timeoutNanos) {
        this.actual = actual;
        this.permit = permit;
        this.operator = operator;
        this.single = single;
        this.timeoutNanos = timeoutNanos;
    }

    /**
     * Subscribes {@code actual} to {@code source} through a new guarded subscription if the breaker permits the call;
     * otherwise signals the rejection to {@code actual} without subscribing to {@code source}.
     */
    static <T> void subscribe(CorePublisher<? extends T> source, CoreSubscriber<? super T> actual,
            CircuitBreakerOperator<?> operator, boolean single) {
        CallPermit permit;
        try {
            permit = operator.breaker().acquirePermit();
        } catch (CallNotPermittedException rejected) {
            Operators.error(actual, rejected);
            return;
        }
        Duration timeout = operator.breaker().config().callTimeout();
        CircuitBreakerSubscriber<T> subscriber = new CircuitBreakerSubscriber<>(actual, permit, operator, single,
                timeout == null ? 0 : timeout.toNanos());
        try {
            source.subscribe(subscriber);
        } catch (Throwable e) {
            Operators.reportThrowInSubscribe(subscriber, e);
        }
    }

    @Override
    public void onSubscribe(Subscription s) {
        if (Operators.validate(upstream, s)) {
            upstream = s;
            actual.onSubscribe(this);
            if (timeoutNanos > 0 && (state & DECIDED) == 0) {
                startTimer();
            }
        }
    }

    @Override
    public void onNext(T value) {
        if (single) {
            if (STATE.compareAndSet(this, 0, DECIDED)) {
                valueDelivered = true;
                stopTimer();
                permit.onSuccess();
                actual.onNext(value);
            } else {
                Operators.onDiscard(value, actual.currentContext());
            }
            return;
        }
        if (!STATE.compareAndSet(this, 0, EMITTING)) {
            Operators.onDiscard(value, actual.currentContext()); // timed out or cancelled: the upstream is cancelled
            return;
        }
        try {
            actual.onNext(value);
        } finally {
            if (!STATE.compareAndSet(this, EMITTING, 0)) {
                emittedWhileDecided();
            }
        }
    }

    @Override
    public void onError(Throwable error) {
        if (STATE.compareAndSet(this, 0, DECIDED)) {
            stopTimer();
            permit.onError(error);
            actual.onError(error);
        } else {
            Operators.onErrorDropped(error, actual.currentContext());
        }
    }

    @Override
    public void onComplete() {
        if (valueDelivered) {
            actual.onComplete();
        } else if (STATE.compareAndSet(this, 0, DECIDED)) {
            stopTimer();
            permit.onSuccess();
            actual.onComplete();
        }
    }

    @Override
    public void request(long n) {
        upstream.request(n);
    }

    @Override
    public void cancel() {
        for (int s = state; (s & DECIDED) == 0; s = state) {
            if (STATE.compareAndSet(this, s, s | DECIDED | CANCELLED)) {
                stopTimer();
                permit.onCancel();
                break;
            }
        }
        upstream.cancel();
    }

    /** The call timeout: fails the call unless its outcome came first. Runs on the timeout scheduler. */
    @Override
    public void run() {
        failFromOutside(new TimeoutException("the call of circuit breaker '" + operator.breaker().name()
                + "' did not complete within its callTimeout of " + Duration.ofNanos(timeoutNanos)));
    }

    @Override
    public Context currentContext() {
        return actual.currentContext();
    }

    @Override
    @SuppressWarnings("rawtypes") // Reactor declares the parameter raw
    public Object scanUnsafe(Attr key) {
        if (key == Attr.PARENT) {
            return upstream;
        }
        if (key == Attr.ACTUAL) {
            return actual;
        }
        if (key == Attr.TERMINATED) {
            return (state & (DECIDED | CANCELLED)) == DECIDED;
        }
        if (key == Attr.CANCELLED) {
            return (state & CANCELLED) != 0;
        }
        if (key == Attr.RUN_STYLE) {
            return Attr.RunStyle.SYNC;
        }
        return null;
    }

    @Override
    public String stepName() {
        return operator.stepName();
    }

    /** A timeout or a cancellation decided while {@code onNext} ran: deliver the timeout's error, if it was one. */
    private void emittedWhileDecided() {
        int s = state;
        state = s & ~(EMITTING | TIMED_OUT); // only this thread writes once DECIDED is set
        if ((s & TIMED_OUT) != 0) {
            actual.onError(pendingError);
        }
    }

    /** Fails the call with {@code error} from outside the upstream's signals (the timer), unless it is decided. */
    private void failFromOutside(Throwable error) {
        for (int s = state; (s & DECIDED) == 0; s = state) {
            if (s == 0 && STATE.compareAndSet(this, 0, DECIDED)) {
                permit.onError(error);
                upstream.cancel();
                actual.onError(error);
                return;
            }
            if (s == EMITTING) {
                pendingError = error;
                if (STATE.compareAndSet(this, EMITTING, EMITTING | DECIDED | TIMED_OUT)) {
                    permit.onError(error);
                    upstream.cancel();
                    return;
                }
            }
        }
    }

    private void startTimer() {
        Disposable scheduled;
        try {
            scheduled = operator.timeoutScheduler().schedule(this, timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException rejected) {
            failFromOutside(rejected); // a disposed scheduler: the call cannot be bounded, so it does not run on
            return;
        }
        if (!TIMER.compareAndSet(this, null, scheduled)) {
            scheduled.dispose(); // the outcome came first
        }
    }

    private void stopTimer() {
        if (timeoutNanos > 0) {
            Disposable t = (Disposable) TIMER.getAndSet(this, NO_TIMER);
            if (t != null) {
                t.dispose();
            }
        }
    }
}
