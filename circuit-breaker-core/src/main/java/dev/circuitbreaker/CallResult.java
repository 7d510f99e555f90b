package dev.circuitbreaker;

import java.time.Instant;

/**
 * One finished call in a breaker's history: immutable. It keeps the exception's class name and a truncated,
 * sanitized message, never the {@code Throwable} itself or its stack.
 *
 * @param success whether the call counted as a success
 * @param responseTimeMs how long the call took, measured with the breaker's {@link Ticker}
 * @param errorMessage {@code ClassName: message} of the exception, truncated and with secret-looking values masked;
 *     {@code null} when the call returned normally
 * @param timestamp when the call finished, from the breaker's {@link java.time.Clock}
 * @param outcome how the call was counted
 * @param slow whether the call was slower than the slow-call duration threshold
 */
public record CallResult(boolean success, double responseTimeMs, String errorMessage, Instant timestamp,
        Outcome outcome, boolean slow) {

    /** How a finished call was counted. */
    public enum Outcome {
        /** Returned normally, or threw an exception that is not recorded as a failure. */
        SUCCESS,
        /** Threw a recorded exception. */
        FAILURE,
        /** Threw an ignored exception, or was cancelled: counted as neither. */
        IGNORED
    }
}
