package dev.circuitbreaker;

/**
 * Thrown when a breaker does not run a call: the one type a fallback or a retry policy names to mean "not run,
 * the downstream was not called". Unchecked and cheap: no stack trace and no suppressed exceptions, and a breaker
 * reuses its instances, so rejecting allocates nothing. Immutable and thread-safe.
 *
 * @see CircuitBreakerOpenException the breaker's state rejected the call
 * @see BulkheadFullException every place of the breaker's bulkhead was taken
 */
public abstract sealed class CallNotPermittedException extends RuntimeException
        permits CircuitBreakerOpenException, BulkheadFullException {

    private static final long serialVersionUID = 1L;

    /** The name of the breaker that did not run the call. */
    private final String breakerName;

    CallNotPermittedException(String breakerName) {
        super(null, null, false, false);
        this.breakerName = breakerName;
    }

    /** {@return the name of the breaker that did not run the call} */
    public String breakerName() {
        return breakerName;
    }
}
