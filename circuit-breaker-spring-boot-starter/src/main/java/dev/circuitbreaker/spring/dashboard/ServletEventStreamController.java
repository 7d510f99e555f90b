package dev.circuitbreaker.spring.dashboard;

import dev.circuitbreaker.spring.dashboard.stream.DashboardEventStream;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The dashboard's event stream in a Spring MVC application: {@code GET {circuitbreaker.dashboard.path}/events},
 * {@code text/event-stream}. Each client is sent to by a thread of a small pool that exists only while there is
 * something to send; when {@value #MAX_SENDERS} clients are all stuck on writes, a further client is closed rather
 * than waited for. Thread-safe.
 */
@Controller
public class ServletEventStreamController implements DisposableBean {

    /** The most clients being written to at once. */
    static final int MAX_SENDERS = 64;

    private final DashboardEventStream stream;
    private final ThreadPoolExecutor senders;

    /** @param stream the stream each request connects to; the controller sends to its clients on threads of its own */
    public ServletEventStreamController(DashboardEventStream stream) {
        this.stream = stream;
        AtomicInteger count = new AtomicInteger();
        this.senders = new ThreadPoolExecutor(0, MAX_SENDERS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), runnable -> {
            Thread thread = new Thread(runnable, "circuitbreaker-dashboard-sse-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** {@return a new client's stream: the snapshot, then live events and stats} */
    @GetMapping(path = DashboardController.PATH + "/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public SseEmitter events() {
        ServletStreamClient client = new ServletStreamClient(senders);
        stream.connect(client);
        return client.emitter();
    }

    /** Stops the sender threads. */
    @Override
    public void destroy() {
        senders.shutdownNow();
    }
}
