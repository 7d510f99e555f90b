package dev.circuitbreaker.spring.dashboard;

import dev.circuitbreaker.spring.dashboard.stream.DashboardEventStream;
import dev.circuitbreaker.spring.dashboard.stream.StreamClient;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

/**
 * A WebFlux client of the event stream: lines leave the queue only as fast as the connection asks for them
 * (Reactive Streams demand), so a slow client's lines wait in its bounded queue, never in an unbounded buffer, and
 * sending never blocks. A cancelled subscription (the client left) closes the client. Thread-safe.
 */
final class ReactiveStreamClient extends StreamClient {

    private final FluxSink<ServerSentEvent<String>> sink;
    private final AtomicInteger work = new AtomicInteger();
    /** Whether the reconnect delay went out yet; touched by one drain at a time. */
    private boolean retrySent;

    private ReactiveStreamClient(FluxSink<ServerSentEvent<String>> sink) {
        this.sink = sink;
    }

    /** A new client of {@code stream} per subscription. */
    static Flux<ServerSentEvent<String>> subscribeTo(DashboardEventStream stream) {
        return Flux.create(sink -> {
            ReactiveStreamClient client = new ReactiveStreamClient(sink);
            sink.onRequest(n -> client.drain());
            sink.onDispose(client::close);
            stream.connect(client);
        });
    }

    @Override
    protected void linesWaiting() {
        drain();
    }

    /** Sends while there is demand and a line; one thread at a time, the others leave their work to it. */
    private void drain() {
        if (work.getAndIncrement() != 0) {
            return;
        }
        do {
            while (sink.requestedFromDownstream() > 0 && !isClosed()) {
                String line = poll();
                if (line == null) {
                    break;
                }
                sink.next(event(line));
            }
        } while (work.decrementAndGet() != 0);
    }

    private ServerSentEvent<String> event(String line) {
        if (isHeartbeat(line)) {
            return ServerSentEvent.<String>builder().comment("keep-alive").build();
        }
        ServerSentEvent.Builder<String> event = ServerSentEvent.builder(line);
        if (!retrySent) {
            retrySent = true;
            event.retry(StreamClient.RECONNECT_DELAY);
        }
        return event.build();
    }

    @Override
    protected void onClose() {
        sink.complete();
    }
}
