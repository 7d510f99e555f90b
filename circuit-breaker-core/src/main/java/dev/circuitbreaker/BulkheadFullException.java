package dev.circuitbreaker;

/**
 * Thrown when a breaker's bulkhead is full: {@code maxConcurrentCalls} calls of the breaker are running, so one more
 * is rejected at once and not run. Not a downstream failure: it counts in {@code bulkheadFullCalls}, never in
 * {@code failedCalls}, and never trips the breaker. Stackless and reused; immutable and thread-safe.
 */
public final class BulkheadFullException extends CallNotPermittedException {

    private static final long serialVersionUID = 1L;

    /** The bulkhead's limit when the call was rejected. */
    private final int maxConcurrentCalls;

    BulkheadFullException(String breakerName, int maxConcurrentCalls) {
        super(breakerName);
        this.maxConcurrentCalls = maxConcurrentCalls;
    }

    /** {@return the bulkhead's limit when the call was rejected} */
    public int maxConcurrentCalls() {
        return maxConcurrentCalls;
    }

    @Override
    public String getMessage() {
        return "CircuitBreaker '" + breakerName() + "' has " + maxConcurrentCalls
                + " calls running (maxConcurrentCalls) and does not permit another one now";
    }
}
