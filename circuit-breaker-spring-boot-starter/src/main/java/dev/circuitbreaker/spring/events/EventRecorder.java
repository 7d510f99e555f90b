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
 * slow returns at once without allocating; every other callback allocates its event (and, for errors, masks the
 * message once, here, so no raw message is kept). Thread-safe.
 */
final class EventRecorder implements CircuitBreakerListener {

    private final String name;
    private final Clock clock;
    private final BreakerEventBuffer buffer;
    private final Runnable onRecorded;
    private final ListenerRegistration registration;

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
        record(CircuitBreakerEvent.rejection(Type.NOT_PERMITTED, name, clock.millis()));
    }

    @Override
    public void onBulkheadFull(CircuitBreaker breaker) {
        record(CircuitBreakerEvent.rejection(Type.BULKHEAD_FULL, name, clock.millis()));
    }

    private void record(CircuitBreakerEvent event) {
        buffer.append(event);
        onRecorded.run();
    }

    private static String describe(Throwable error) {
        return error == null ? null : ErrorMessageSanitizer.describe(error);
    }
}
