package dev.circuitbreaker;

/**
 * A permit for one call that the caller runs itself, from {@link CircuitBreaker#acquirePermit()}: for code that
 * cannot hand the breaker a callable, such as reactive operators and framework adapters. The call is timed from the
 * permit to its report, and holds its trial permit and bulkhead place until then.
 *
 * <p>Report the outcome exactly once; the first report wins and later ones do nothing, so racing signals (a
 * completion and a cancellation) need no guard of their own. Thread-safe. A permit that is never reported keeps its
 * bulkhead place for good and, in HALF_OPEN, its trial permit until {@code maxWaitDurationInHalfOpenState}.
 */
public interface CallPermit {

    /** The call succeeded. */
    void onSuccess();

    /**
     * The call failed with {@code error}, classified like any call's exception: a recorded failure, an ignored
     * exception, or (not recorded) a success.
     *
     * @param error what the call failed with
     */
    void onError(Throwable error);

    /** The call was cancelled before its outcome: the permit is freed and the call counts as ignored. */
    void onCancel();
}
