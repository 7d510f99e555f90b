package dev.circuitbreaker.spring.dashboard.stream;

import dev.circuitbreaker.spring.events.BreakerEventBuffer;
import dev.circuitbreaker.spring.events.CircuitBreakerEvent;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One breaker as the stream follows it: its event buffer, how far the stream has read it, and the stats last sent
 * for it. Reading turns new events into lines, a run of rejections of one kind into one line with its count, and
 * events overwritten before the stream came into one {@code EVENTS_SKIPPED} line. The event log counts further
 * rejections of a run into the run's last event, so a run already sent that has grown since is sent again, with the
 * same timestamp and the new count (the page updates that line). Used by the stream's thread only.
 */
final class FollowedBreaker {

    final BreakerEventBuffer buffer;
    /** The sequence number of the next event to read. */
    long position;
    /** The stats last sent ({@link StreamMessages#statsFields}), or null before the first. */
    Map<String, Object> lastStats;
    /** The last event of the rejection run that ended the last read, which may still grow; or null. */
    private CircuitBreakerEvent sentRun;
    /** The calls the earlier events of that run stood for. */
    private long sentRunBefore;
    /** The count last sent for that run. */
    private long sentRunCount;

    FollowedBreaker(BreakerEventBuffer buffer, long position) {
        this.buffer = buffer;
        this.position = position;
    }

    /** Passes a line for each new event (and for a sent run that has grown) to {@code out}; whether there was any. */
    boolean readNew(Consumer<String> out) {
        boolean grown = resendGrownRun(out);
        Lines lines = new Lines(out);
        long next = buffer.readFrom(position, lines);
        lines.flushRejections();
        long skipped = next - position - lines.delivered;
        position = next;
        if (skipped > 0) {
            out.accept(StreamMessages.eventsSkipped(buffer.name(), skipped));
        }
        return grown || skipped > 0 || lines.delivered > 0;
    }

    private boolean resendGrownRun(Consumer<String> out) {
        if (sentRun == null) {
            return false;
        }
        long count = sentRunBefore + sentRun.count();
        if (count == sentRunCount) {
            return false;
        }
        sentRunCount = count;
        out.accept(StreamMessages.event(sentRun, count));
        return true;
    }

    /** The events of one read as lines. */
    private final class Lines implements Consumer<CircuitBreakerEvent> {

        private final Consumer<String> out;
        private CircuitBreakerEvent rejection;
        /** The calls the run's events before {@link #rejection} stood for. */
        private long before;
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
                before += rejection.count();
                rejection = event;
                return;
            }
            flushRejections();
            if (isRejection) {
                rejection = event;
                before = 0;
            } else {
                out.accept(StreamMessages.event(event, 1));
                sentRun = null;
            }
        }

        /** Sends the pending run's line; a run that ends the read is remembered, as it may still grow. */
        void flushRejections() {
            if (rejection != null) {
                long count = before + rejection.count();
                out.accept(StreamMessages.event(rejection, count));
                sentRun = rejection;
                sentRunBefore = before;
                sentRunCount = count;
                rejection = null;
            }
        }
    }
}
