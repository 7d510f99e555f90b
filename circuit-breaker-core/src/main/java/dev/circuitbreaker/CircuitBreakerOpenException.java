package dev.circuitbreaker;

import java.time.Duration;

/**
 * Thrown when a breaker rejects a call without running it. Unchecked, and cheap: no stack trace, no suppressed
 * exceptions, and a breaker reuses one instance for all the rejections of one OPEN period, so rejecting allocates
 * nothing. Immutable and thread-safe.
 *
 * <p>{@link #remainingWait()} is measured when it is asked, against the breaker's ticker.
 */
public final class CircuitBreakerOpenException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private static final long NO_DEADLINE = Long.MIN_VALUE;

    private final String breakerName;
    private final CircuitState state;
    private final transient Ticker ticker;
    private final long deadline;
    private final long fixedRemainingNanos;
    /** The rejecting state's token this instance was made for: lets a breaker reuse it for the same rejection. */
    final transient Object source;

    /**
     * Creates an exception with a fixed remaining wait, for code that rejects on a breaker's behalf.
     *
     * @throws IllegalArgumentException if the name or state is null, or the wait is negative
     */
    public CircuitBreakerOpenException(String breakerName, CircuitState state, Duration remainingWait) {
        super(null, null, false, false);
        if (breakerName == null || state == null || remainingWait == null || remainingWait.isNegative()) {
            throw new IllegalArgumentException("breakerName, state and a non-negative remainingWait are required but were "
                    + breakerName + ", " + state + ", " + remainingWait);
        }
        this.breakerName = breakerName;
        this.state = state;
        this.ticker = null;
        this.deadline = NO_DEADLINE;
        this.fixedRemainingNanos = remainingWait.toNanos();
        this.source = null;
    }

    /** A rejection whose remaining wait counts down to {@code deadline} on {@code ticker} (any deadline if OPEN). */
    CircuitBreakerOpenException(String breakerName, CircuitState state, Ticker ticker, long deadline, boolean hasDeadline,
            Object source) {
        super(null, null, false, false);
        this.breakerName = breakerName;
        this.state = state;
        this.ticker = ticker;
        this.deadline = hasDeadline ? deadline : NO_DEADLINE;
        this.fixedRemainingNanos = 0;
        this.source = source;
    }

    /** The name of the breaker that rejected the call. */
    public String breakerName() {
        return breakerName;
    }

    /** The state that rejected the call: OPEN, FORCED_OPEN, or HALF_OPEN with every trial permit taken. */
    public CircuitState state() {
        return state;
    }

    /** The time, as of now, until the breaker lets a trial call in; {@link Duration#ZERO} unless it rejected as OPEN. */
    public Duration remainingWait() {
        if (ticker == null || deadline == NO_DEADLINE) {
            return Duration.ofNanos(fixedRemainingNanos);
        }
        return Duration.ofNanos(Math.max(0, deadline - ticker.read()));
    }

    @Override
    public String getMessage() {
        String base = "CircuitBreaker '" + breakerName + "' is " + state + " and does not permit further calls";
        return switch (state) {
            case OPEN -> base + "; next trial call in " + remainingWait().toMillis() + " ms";
            case HALF_OPEN -> base + "; every trial permit is taken";
            default -> base;
        };
    }
}
