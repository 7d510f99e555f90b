package dev.circuitbreaker;

import dev.circuitbreaker.internal.Permission;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CancellationException;

/**
 * The {@link CallPermit} a breaker hands out: one permitted call, timed from its permit, whose first report wins.
 * Thread-safe.
 */
final class TrackedCall implements CallPermit {

    /** What a cancelled call reports to listeners and the history: nothing was thrown, so one shared instance. */
    static final CancellationException CANCELLED = new CancellationException("the call was cancelled before its outcome");

    private static final VarHandle REPORTED;

    static {
        try {
            REPORTED = MethodHandles.lookup().findVarHandle(TrackedCall.class, "reported", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final CircuitBreaker breaker;
    private final BreakerSettings settings;
    private final Permission permission;
    /** Whether the call is timed: its duration counts (slow calls, history) or listeners hear it. */
    private final boolean timed;
    private final long start;
    private volatile boolean reported;

    TrackedCall(CircuitBreaker breaker, BreakerSettings settings, Permission permission, boolean timed, long start) {
        this.breaker = breaker;
        this.settings = settings;
        this.permission = permission;
        this.timed = timed;
        this.start = start;
    }

    @Override
    public void onSuccess() {
        report(null, false);
    }

    @Override
    public void onError(Throwable error) {
        report(error == null ? new NullPointerException("onError(null) on a permit of '" + breaker.name() + "'") : error, false);
    }

    @Override
    public void onCancel() {
        report(CANCELLED, true);
    }

    /** Reports the outcome if no report came first; returns whether this one counted. Never throws. */
    boolean report(Throwable error, boolean cancelled) {
        if (reported || !REPORTED.compareAndSet(this, false, true)) {
            return false;
        }
        breaker.complete(settings, permission, timed, start, error, cancelled);
        return true;
    }

    /** The settings the call started with: its timeout among them. */
    BreakerSettings settings() {
        return settings;
    }
}
