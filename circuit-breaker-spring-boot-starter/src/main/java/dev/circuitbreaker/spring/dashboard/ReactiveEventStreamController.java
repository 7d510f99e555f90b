package dev.circuitbreaker.spring.dashboard;

import dev.circuitbreaker.spring.dashboard.stream.DashboardEventStream;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import reactor.core.publisher.Flux;

/**
 * The dashboard's event stream in a WebFlux application: {@code GET {circuitbreaker.dashboard.path}/events},
 * {@code text/event-stream}, sent at each connection's own pace. Thread-safe.
 */
@Controller
public class ReactiveEventStreamController {

    private final DashboardEventStream stream;

    /** @param stream the stream each request connects to */
    public ReactiveEventStreamController(DashboardEventStream stream) {
        this.stream = stream;
    }

    /** {@return a new client's stream: the snapshot, then live events and stats} */
    @GetMapping(path = DashboardController.PATH + "/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @ResponseBody
    public Flux<ServerSentEvent<String>> events() {
        return ReactiveStreamClient.subscribeTo(stream);
    }
}
