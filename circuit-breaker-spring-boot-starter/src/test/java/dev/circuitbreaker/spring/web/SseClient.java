package dev.circuitbreaker.spring.web;

import com.jayway.jsonpath.JsonPath;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A server-sent event client over real HTTP (the JDK client), as a browser's EventSource would connect: it keeps
 * every line the server sends and parses the {@code data:} lines as JSON. Closing it drops the connection.
 */
final class SseClient implements AutoCloseable {

    final HttpResponse<Stream<String>> response;
    final List<String> lines = new CopyOnWriteArrayList<>();
    private final Thread reader;

    SseClient(int port, String path) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", "text/event-stream").GET().build();
        response = client.sendAsync(request, HttpResponse.BodyHandlers.ofLines()).get(30, TimeUnit.SECONDS);
        reader = new Thread(() -> {
            try (Stream<String> body = response.body()) {
                body.forEach(lines::add);
            } catch (RuntimeException closed) {
                // the test closed the connection
            }
        }, "sse-test-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** The JSON of every {@code data:} line so far. */
    List<Map<String, Object>> messages() {
        return lines.stream().filter(line -> line.startsWith("data:"))
                .map(line -> JsonPath.parse(line.substring(5)).<Map<String, Object>>read("$")).toList();
    }

    List<Map<String, Object>> messages(String type) {
        return messages().stream().filter(m -> type.equals(m.get("type"))).toList();
    }

    /** The messages of {@code type} after the snapshot. */
    List<Map<String, Object>> live(String type) {
        List<Map<String, Object>> all = messages();
        int end = 0;
        while (end < all.size() && !"SNAPSHOT_END".equals(all.get(end).get("type"))) {
            end++;
        }
        return all.subList(Math.min(end + 1, all.size()), all.size()).stream()
                .filter(m -> type.equals(m.get("type"))).toList();
    }

    @Override
    public void close() {
        response.body().close();
        reader.interrupt();
    }
}
