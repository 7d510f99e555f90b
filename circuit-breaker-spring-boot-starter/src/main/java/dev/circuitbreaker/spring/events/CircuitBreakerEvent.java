package dev.circuitbreaker.spring.events;

import dev.circuitbreaker.CircuitState;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One thing that happened to a breaker: a state transition, a rejected call, or a call worth a look (an error, an
 * ignored error, a slow call). Successful calls that are not slow are no events. Nothing changes once it is
 * recorded but a rejection's {@link #count()}, which grows while the rejections right after it are counted into it.
 * It keeps no {@code Throwable}, only the masked and truncated text the core's history shows.
 */
public final class CircuitBreakerEvent {

    private static final VarHandle REPEATS;

    static {
        try {
            REPEATS = MethodHandles.lookup().findVarHandle(CircuitBreakerEvent.class, "repeats", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** What kind of event it is; the fields that are set depend on it. */
    public enum Type {
        /** The breaker moved from one state to another: {@link #from()} and {@link #to()} are set. */
        STATE_TRANSITION,
        /** A permitted call threw a recorded exception: {@link #errorMessage()} and {@link #duration()} are set. */
        ERROR,
        /** A permitted call threw an ignored exception, or was cancelled: {@link #duration()} is set, and the error text when there was an exception. */
        IGNORED_ERROR,
        /** A call that counted as a success took longer than the slow-call duration threshold: {@link #duration()} is set. */
        SLOW_CALL,
        /** A call was rejected without running because of the breaker's state. */
        NOT_PERMITTED,
        /** A call was rejected without running because the breaker's {@code maxConcurrentCalls} were all running. */
        BULKHEAD_FULL
    }

    private final Type type;
    private final String breakerName;
    /** Milliseconds since the epoch: a long rather than an {@code Instant}, one object less per event. */
    private final long epochMillis;
    private final CircuitState from;
    private final CircuitState to;
    private final long durationNanos;
    private final String errorMessage;
    /** Its place in its breaker's buffer; written once, before the buffer publishes the event. */
    long sequence = -1;
    /** Rejections of the same kind that followed this one with no other event between: counted here, not logged. */
    private volatile long repeats;

    private CircuitBreakerEvent(Type type, String breakerName, long epochMillis, CircuitState from, CircuitState to,
            long durationNanos, String errorMessage) {
        this.type = Objects.requireNonNull(type, "type");
        this.breakerName = Objects.requireNonNull(breakerName, "breakerName");
        this.epochMillis = epochMillis;
        this.from = from;
        this.to = to;
        this.durationNanos = durationNanos;
        this.errorMessage = errorMessage;
    }

    /**
     * @param breakerName the breaker's name
     * @param epochMillis when it happened, in milliseconds since the epoch
     * @param from the state left
     * @param to the state entered
     * @return a state transition event
     */
    public static CircuitBreakerEvent transition(String breakerName, long epochMillis, CircuitState from, CircuitState to) {
        return new CircuitBreakerEvent(Type.STATE_TRANSITION, breakerName, epochMillis, Objects.requireNonNull(from, "from"),
                Objects.requireNonNull(to, "to"), -1, null);
    }

    /**
     * A finished call worth an event ({@link Type#ERROR}, {@link Type#IGNORED_ERROR}, {@link Type#SLOW_CALL}).
     *
     * @param type {@link Type#ERROR}, {@link Type#IGNORED_ERROR} or {@link Type#SLOW_CALL}
     * @param breakerName the breaker's name
     * @param epochMillis when the call finished, in milliseconds since the epoch
     * @param durationNanos how long the call took, or a negative number if it was not timed
     * @param errorMessage the already masked and truncated error text, or null
     * @return the event
     * @throws IllegalArgumentException for any other type
     */
    public static CircuitBreakerEvent call(Type type, String breakerName, long epochMillis, long durationNanos,
            String errorMessage) {
        if (type != Type.ERROR && type != Type.IGNORED_ERROR && type != Type.SLOW_CALL) {
            throw new IllegalArgumentException("type must be ERROR, IGNORED_ERROR or SLOW_CALL for a call event but was " + type);
        }
        return new CircuitBreakerEvent(type, breakerName, epochMillis, null, null, durationNanos, errorMessage);
    }

    /**
     * @param type {@link Type#NOT_PERMITTED} or {@link Type#BULKHEAD_FULL}
     * @param breakerName the breaker's name
     * @param epochMillis when the call was rejected, in milliseconds since the epoch
     * @return a rejected-call event
     * @throws IllegalArgumentException for any other type
     */
    public static CircuitBreakerEvent rejection(Type type, String breakerName, long epochMillis) {
        if (type != Type.NOT_PERMITTED && type != Type.BULKHEAD_FULL) {
            throw new IllegalArgumentException("type must be NOT_PERMITTED or BULKHEAD_FULL for a rejection but was " + type);
        }
        return new CircuitBreakerEvent(type, breakerName, epochMillis, null, null, -1, null);
    }

    /**
     * {@return the event's number in its breaker's buffer (0 for the breaker's first event), for readers that follow
     * the buffer; -1 before the event is recorded}
     */
    public long sequence() {
        return sequence;
    }

    /** {@return what kind of event it is} */
    public Type type() {
        return type;
    }

    /** {@return the name of the breaker it happened to} */
    public String breakerName() {
        return breakerName;
    }

    /** {@return when it happened, from the log's clock, to the millisecond} */
    public Instant timestamp() {
        return Instant.ofEpochMilli(epochMillis);
    }

    /** {@return the state left, for {@link Type#STATE_TRANSITION}; otherwise null} */
    public CircuitState from() {
        return from;
    }

    /** {@return the state entered, for {@link Type#STATE_TRANSITION}; otherwise null} */
    public CircuitState to() {
        return to;
    }

    /** {@return how long the call took (from the breaker's ticker), for call events that were timed; otherwise null} */
    public Duration duration() {
        return durationNanos < 0 ? null : Duration.ofNanos(durationNanos);
    }

    /** {@return the call's duration in milliseconds (fractional), or a negative number when {@link #duration()} is null} */
    public double durationMs() {
        return durationNanos < 0 ? -1 : durationNanos / 1_000_000.0;
    }

    /** {@return {@code ClassName: message} of the exception, masked and truncated like the history; null for other events} */
    public String errorMessage() {
        return errorMessage;
    }

    /**
     * {@return how many calls this event stands for: 1, or for a rejection, 1 plus the rejections of the same kind
     * that followed it with no other event between (a run of rejections is one event, so rejecting stays cheap)}
     */
    public long count() {
        return 1 + repeats;
    }

    /** Counts one more rejection into this one. */
    void repeated() {
        REPEATS.getAndAdd(this, 1L);
    }

    @Override
    public String toString() {
        return "CircuitBreakerEvent[" + breakerName + ' ' + type + ' ' + timestamp()
                + (from != null ? ' ' + from.name() + "->" + to.name() : "")
                + (durationNanos >= 0 ? ' ' + Double.toString(durationMs()) + " ms" : "")
                + (errorMessage != null ? ' ' + errorMessage : "") + ']';
    }
}
