package dev.circuitbreaker.spring.dashboard.stream;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One browser connected to the event stream, as the stream sees it: a bounded queue of lines that the
 * {@link DashboardEventStream} fills on its own thread and that a web stack's adapter (Spring MVC or WebFlux)
 * empties at the client's pace. A client with more than {@link #LIVE_LIMIT} lines waiting is closed, never waited
 * for: its browser reconnects and gets a fresh snapshot. The snapshot sent on connect is not counted against the
 * limit. Thread-safe: one thread fills it, one at a time empties it.
 */
public abstract class StreamClient {

    /** How many live lines may wait for a client before it is closed. */
    public static final int LIVE_LIMIT = 1024;

    /** How long a browser waits before it reconnects a closed stream: sent with the first line. */
    public static final Duration RECONNECT_DELAY = Duration.ofSeconds(2);

    /** Queued in place of a line: send a comment, so an idle connection (and the proxies on its way) stays open. */
    private static final String HEARTBEAT = new String("heartbeat");

    private final Queue<String> lines = new ConcurrentLinkedQueue<>();
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile DashboardEventStream stream;

    /** For the adapters of the web stacks. */
    protected StreamClient() {
    }

    final void attach(DashboardEventStream stream) {
        this.stream = stream;
    }

    /** Queues a line; a live line that finds the queue full closes the client instead. */
    final void offer(String line, boolean snapshot) {
        if (closed.get()) {
            return;
        }
        if (!snapshot && waiting.get() >= LIVE_LIMIT) {
            close();
            return;
        }
        lines.add(line);
        waiting.incrementAndGet();
    }

    final void offerHeartbeat() {
        offer(HEARTBEAT, false);
    }

    /** {@return whether the client is closed: it takes no more lines} */
    public final boolean isClosed() {
        return closed.get();
    }

    /**
     * Closes the client: drops what waits, leaves the stream, and lets the adapter end its response
     * ({@link #onClose()}). Called by the adapter when the connection ends or fails, and by the stream on overflow.
     * Calling it again does nothing.
     */
    public final void close() {
        if (closed.compareAndSet(false, true)) {
            lines.clear();
            waiting.set(0);
            DashboardEventStream s = stream;
            if (s != null) {
                s.disconnect(this);
            }
            onClose();
        }
    }

    /**
     * Takes the next line to send. {@link #isHeartbeat(String)} tells a heartbeat from a line. Only the adapter's one
     * draining thread at a time may call it.
     *
     * @return the line, or null when none waits
     */
    protected final String poll() {
        String line = lines.poll();
        if (line != null) {
            waiting.decrementAndGet();
        }
        return line;
    }

    /** {@return whether lines wait to be sent} */
    protected final boolean hasLines() {
        return waiting.get() > 0;
    }

    /**
     * @param line a line from {@link #poll()}
     * @return whether it is a heartbeat rather than a JSON line
     */
    protected static boolean isHeartbeat(String line) {
        return line == HEARTBEAT;
    }

    /** Lines are waiting: start sending them, without blocking the calling thread (the stream's own). */
    protected abstract void linesWaiting();

    /** The client was closed: end the response if it is still open. Must not block. */
    protected abstract void onClose();
}
