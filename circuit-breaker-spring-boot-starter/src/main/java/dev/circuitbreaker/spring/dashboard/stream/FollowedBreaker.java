package dev.circuitbreaker.spring.dashboard.stream;

import dev.circuitbreaker.spring.events.BreakerEventBuffer;
import dev.circuitbreaker.spring.events.CircuitBreakerEvent;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One breaker as the stream follows it: its event buffer, how far the stream has read it, and the stats last sent
 * for it. Reading turns new events into lines, a run of rejections of one kind into one line with its count, and
 * events overwritten before the stream came into one {@code EVENTS_SKIPPED} line. Used by the stream's thread only.
 */
final class FollowedBreaker {

    final BreakerEventBuffer buffer;
    /** The sequence number of the next event to read. */
    long position;
    /** The stats last sent ({@link StreamMessages#statsFields}), or null before the first. */
    Map<String, Object> lastStats;

    FollowedBreaker(BreakerEventBuffer buffer, long position) {
        this.buffer = buffer;
        this.position = position;
    }

    /** Passes a line for each new event to {@code out}; whether there was any. */
    boolean readNew(Consumer<String> out) {
        Lines lines = new Lines(out);
        long next = buffer.readFrom(position, lines);
        lines.flushRejections();
        long skipped = next - position - lines.delivered;
        position = next;
        if (skipped > 0) {
            out.accept(StreamMessages.eventsSkipped(buffer.name(), skipped));
        }
        return skipped > 0 || lines.delivered > 0;
    }

    /** The events of one read as lines. */
    private static final class Lines implements Consumer<CircuitBreakerEvent> {

        private final Consumer<String> out;
        private CircuitBreakerEvent rejection;
        private int rejections;
        long delivered;

        Lines(Consumer<String> out) {
            this.out = out;
        }

        @Override
        public void accept(CircuitBreakerEvent event) {
            delivered++;
            boolean isRejection = event.type() == CircuitBreakerEvent.Type.NOT_PERMITTED
                    || event.type() == CircuitBreakerEvent.Type.BULKHEAD_FULL;
            if (isRejection && rejection != null && rejection.type() == event.type()) {
                rejection = event;
                rejections++;
                return;
            }
            flushRejections();
            if (isRejection) {
                rejection = event;
                rejections = 1;
            } else {
                out.accept(StreamMessages.event(event, 1));
            }
        }

        void flushRejections() {
            if (rejection != null) {
                out.accept(StreamMessages.event(rejection, rejections));
                rejection = null;
                rejections = 0;
            }
        }
    }
}
