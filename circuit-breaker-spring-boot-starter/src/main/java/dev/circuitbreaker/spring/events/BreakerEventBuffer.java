package dev.circuitbreaker.spring.events;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;

/**
 * One breaker's last events, oldest first: a ring of fixed capacity that any number of threads append to without
 * a lock (one atomic increment claims a sequence number, one release store publishes the event), and that
 * readers copy without stopping writers. Each event has a sequence number, so a reader that follows the buffer
 * ({@link #readFrom}) knows which events it has seen and which were overwritten before it came. Thread-safe.
 */
public final class BreakerEventBuffer {

    private final String name;
    private final int capacity;
    private final AtomicReferenceArray<CircuitBreakerEvent> slots;
    /** The sequence number the next appended event gets: the number of events appended so far. */
    private final AtomicLong next = new AtomicLong();

    BreakerEventBuffer(String name, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1 but was " + capacity);
        }
        this.name = name;
        this.capacity = capacity;
        this.slots = new AtomicReferenceArray<>(capacity);
    }

    /** {@return the breaker's name} */
    public String name() {
        return name;
    }

    /** {@return how many events it keeps} */
    public int capacity() {
        return capacity;
    }

    void append(CircuitBreakerEvent event) {
        long sequence = next.getAndIncrement();
        event.sequence = sequence;
        // A release store is enough: a reader that sees the event sees its fields; one that reads the slot too
        // early finds the older event (or none) there and treats the slot as still being written.
        slots.setRelease(index(sequence), event);
    }

    /** {@return the events kept now, oldest first; an event still being appended by another thread is left out} */
    public List<CircuitBreakerEvent> events() {
        long end = next.get();
        List<CircuitBreakerEvent> events = new ArrayList<>((int) Math.min(end, capacity));
        for (long sequence = Math.max(0, end - capacity); sequence < end; sequence++) {
            CircuitBreakerEvent event = slots.get(index(sequence));
            if (event != null && event.sequence == sequence) {
                events.add(event);
            }
        }
        return events;
    }

    /** {@return the sequence number of the next event to be appended: where a reader that wants only new events starts} */
    public long nextSequence() {
        return next.get();
    }

    /**
     * Passes the events from sequence number {@code from} on to {@code into}, oldest first, and returns the sequence
     * number to continue from. Events overwritten before this call are skipped (they are lost to this reader: the
     * returned position minus {@code from} minus the events passed on counts them); an event another thread is
     * still appending ends the read, so the next read picks it up.
     *
     * @param from the sequence number of the first event wanted
     * @param into receives the events
     * @return the sequence number to continue from
     */
    public long readFrom(long from, Consumer<CircuitBreakerEvent> into) {
        long end = next.get();
        long sequence = Math.max(from, end - capacity);
        for (; sequence < end; sequence++) {
            CircuitBreakerEvent event = slots.get(index(sequence));
            if (event == null || event.sequence < sequence) {
                break;
            }
            if (event.sequence == sequence) {
                into.accept(event);
            }
        }
        return sequence;
    }

    private int index(long sequence) {
        return (int) (sequence % capacity);
    }
}
