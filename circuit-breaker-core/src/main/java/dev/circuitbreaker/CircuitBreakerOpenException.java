package dev.circuitbreaker;

import java.time.Duration;

/**
 * Thrown when a breaker's state rejects a call without running it: OPEN, FORCED_OPEN, or HALF_OPEN with every trial
 * permit taken. Unchecked, and cheap: no stack trace, and a breaker reuses one instance for all the rejections of one
 * OPEN period, so rejecting allocates nothing. Immutable and thread-safe.
 *
 * <p>{@link #remainingWait()} is measured when it is asked, against the breaker's ticker.
 */
public final class CircuitBreakerOpenException extends CallNotPermittedException {

    private static final long serialVersionUID = 1L;

    /** The state that rejected the call. */
    private final CircuitState state;
    /** The breaker's ticker, which {@link #remainingWait()} reads; not serialized. */
    private final transient Ticker ticker;
    /** The ticker reading at which OPEN lets a trial in, if {@link #hasDeadline}. */
    private final long deadline;
    /** Whether the rejecting state was OPEN, with a deadline. */
    private final boolean hasDeadline;
    /** The rejecting state's token this instance was made for: lets a breaker reuse it for the same rejection. */
    final transient Object source;

    /** A rejection whose remaining wait counts down to {@code deadline} on {@code ticker} if it {@code hasDeadline}. */
    CircuitBreakerOpenException(String breakerName, CircuitState state, Ticker ticker, long deadline, boolean hasDeadline,
            Object source) {
        super(breakerName);
        this.state = state;
        this.ticker = ticker;
        this.deadline = deadline;
        this.hasDeadline = hasDeadline;
        this.source = source;
    }

    /** {@return the state that rejected the call: OPEN, FORCED_OPEN, or HALF_OPEN with every trial permit taken} */
    public CircuitState state() {
        return state;
    }

    /**
     * {@return the time, as of now, until the breaker lets a trial call in; {@link Duration#ZERO} unless it rejected
     * as OPEN}
     */
    public Duration remainingWait() {
        if (!hasDeadline || ticker == null) {
            return Duration.ZERO;
        }
        return Duration.ofNanos(Math.max(0, deadline - ticker.read()));
    }

    @Override
    public String getMessage() {
        String base = "CircuitBreaker '" + breakerName() + "' is " + state + " and does not permit further calls";
        return switch (state) {
            case OPEN -> base + "; next trial call in " + remainingWait().toMillis() + " ms";
            case HALF_OPEN -> base + "; every trial permit is taken";
            default -> base;
        };
    }
}
