package dev.circuitbreaker.spring.dashboard;

import dev.circuitbreaker.spring.dashboard.stream.StreamClient;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * A Spring MVC client of the event stream: an {@link SseEmitter}, fed by a sender thread that runs only while lines
 * wait (and once more to end the response when the client is closed). Writing to a servlet response can block on a
 * slow client, so it never happens on the stream's thread or a caller's, only on the sender; an error or a closed
 * connection closes the client. Thread-safe.
 */
final class ServletStreamClient extends StreamClient {

    /** The longest a stream stays open; the browser then reconnects and gets a fresh snapshot. */
    static final Duration MAX_LIFETIME = Duration.ofMinutes(30);

    private final SseEmitter emitter;
    private final Executor senders;
    private final AtomicBoolean sending = new AtomicBoolean();
    /** Whether the reconnect delay went out yet; touched by one sender at a time. */
    private boolean retrySent;

    ServletStreamClient(Executor senders) {
        this(senders, new SseEmitter(MAX_LIFETIME.toMillis()));
    }

    ServletStreamClient(Executor senders, SseEmitter emitter) {
        this.senders = senders;
        this.emitter = emitter;
        emitter.onCompletion(this::close);
        emitter.onTimeout(this::close);
        emitter.onError(error -> close());
    }

    SseEmitter emitter() {
        return emitter;
    }

    @Override
    protected void linesWaiting() {
        if (sending.compareAndSet(false, true)) {
            try {
                senders.execute(this::send);
            } catch (RejectedExecutionException full) {
                sending.set(false);
                close();
            }
        }
    }

    private void send() {
        try {
            for (String line = poll(); line != null && !isClosed(); line = poll()) {
                emitter.send(event(line));
            }
        } catch (IOException | IllegalStateException gone) {
            close();
        } finally {
            sending.set(false);
        }
        if (isClosed()) {
            complete();
        } else if (hasLines()) {
            linesWaiting();
        }
    }

    private SseEmitter.SseEventBuilder event(String line) {
        if (isHeartbeat(line)) {
            return SseEmitter.event().comment("keep-alive");
        }
        SseEmitter.SseEventBuilder event = SseEmitter.event().data(line);
        if (!retrySent) {
            retrySent = true;
            event.reconnectTime(StreamClient.RECONNECT_DELAY.toMillis());
        }
        return event;
    }

    /**
     * Ends the response on a sender thread, never the caller's: completing takes the emitter's write lock, which a
     * send blocked on a slow client holds.
     */
    @Override
    protected void onClose() {
        linesWaiting();
    }

    private void complete() {
        try {
            emitter.complete();
        } catch (RuntimeException alreadyOver) {
            // the response ended first (the client left): nothing to complete
        }
    }
}
