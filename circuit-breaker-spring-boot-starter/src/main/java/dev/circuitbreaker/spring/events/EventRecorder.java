package dev.circuitbreaker.spring.events;

import dev.circuitbreaker.CircuitBreaker;
import dev.circuitbreaker.CircuitBreakerConfig;
import dev.circuitbreaker.CircuitBreakerListener;
import dev.circuitbreaker.CircuitState;
import dev.circuitbreaker.ErrorMessageSanitizer;
import dev.circuitbreaker.ListenerRegistration;
import dev.circuitbreaker.spring.events.CircuitBreakerEvent.Type;
import java.time.Clock;

/**
 * Turns one breaker's listener callbacks into events in its buffer, on the calling thread. A success that is not
 * slow returns at once without allocating; a rejection right after one of the same kind is counted into it; every other callback allocates its event (and, for errors, masks the
 * message once, here, so no raw message is kept). Thread-safe.
 */
final class EventRecorder implements CircuitBreakerListener {

    private final String name;
    private final Clock clock;
    private final BreakerEventBuffer buffer;
    private final Runnable onRecorded;
    private final ListenerRegistration registration;
    /** The last rejection event logged, which the rejections right after it are counted into. */
    private volatile CircuitBreakerEvent lastRejection;

    EventRecorder(CircuitBreaker breaker, Clock clock, int capacity, Runnable onRecorded) {
        this.name = breaker.name();
        this.clock = clock;
        this.buffer = new BreakerEventBuffer(name, capacity);
        this.onRecorded = onRecorded;
        this.registration = breaker.addListener(this);
    }

    BreakerEventBuffer buffer() {
        return buffer;
    }

    /** Stops recording: the breaker was removed or the log closed. */
    void stop() {
        registration.remove();
    }

    @Override
    public void onStateTransition(CircuitBreaker breaker, CircuitState from, CircuitState to) {
        record(CircuitBreakerEvent.transition(name, clock.millis(), from, to));
    }

    @Override
    public void onSuccess(CircuitBreaker breaker, long durationNanos) {
        CircuitBreakerConfig config = breaker.config();
        if (config.hasSlowCallRule() && durationNanos > config.slowCallDurationThreshold().toNanos()) {
            record(CircuitBreakerEvent.call(Type.SLOW_CALL, name, clock.millis(), durationNanos, null));
        }
    }

    @Override
    public void onError(CircuitBreaker breaker, Throwable error, long durationNanos) {
        record(CircuitBreakerEvent.call(Type.ERROR, name, clock.millis(), durationNanos, describe(error)));
    }

    @Override
    public void onIgnoredError(CircuitBreaker breaker, Throwable error, long durationNanos) {
        record(CircuitBreakerEvent.call(Type.IGNORED_ERROR, name, clock.millis(), durationNanos, describe(error)));
    }

    @Override
    public void onCallNotPermitted(CircuitBreaker breaker) {
        rejected(Type.NOT_PERMITTED);
    }

    @Override
    public void onBulkheadFull(CircuitBreaker breaker) {
        rejected(Type.BULKHEAD_FULL);
    }

    /**
     * A rejection right after one of the same kind (no other event between) is counted into it: an OPEN breaker
     * rejecting thousands of calls logs one event with its count, and a rejection reads no clock and allocates
     * nothing. Two threads racing at the start of a run may each log one; the count is the stats' job.
     */
    private void rejected(Type type) {
        CircuitBreakerEvent last = lastRejection;
        if (last != null && last.type() == type && buffer.nextSequence() == last.sequence() + 1) {
            last.repeated();
            return;
        }
        CircuitBreakerEvent event = CircuitBreakerEvent.rejection(type, name, clock.millis());
        record(event);
        lastRejection = event;
    }

    private void record(CircuitBreakerEvent event) {
        buffer.append(event);
        onRecorded.run();
    }

    private static String describe(Throwable error) {
        return error == null ? null : ErrorMessageSanitizer.describe(error);
    }
}
