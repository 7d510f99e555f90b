package dev.circuitbreaker.spring.dashboard.stream;

import com.jayway.jsonpath.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/** A stream client for tests: takes every line at once (or never, or only after a latch opens) and keeps them. */
class RecordingClient extends StreamClient {

    final List<String> lines = new CopyOnWriteArrayList<>();
    final List<String> heartbeats = new CopyOnWriteArrayList<>();
    volatile boolean drains = true;
    volatile CountDownLatch gate;
    volatile boolean closedByStream;

    @Override
    protected void linesWaiting() {
        CountDownLatch g = gate;
        if (g != null) {
            try {
                g.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (!drains) {
            return;
        }
        for (String line = poll(); line != null; line = poll()) {
            (isHeartbeat(line) ? heartbeats : lines).add(line);
        }
    }

    @Override
    protected void onClose() {
        closedByStream = true;
    }

    List<Map<String, Object>> messages() {
        return lines.stream().map(line -> JsonPath.parse(line).<Map<String, Object>>read("$")).toList();
    }

    List<Map<String, Object>> messages(String type) {
        return messages().stream().filter(m -> type.equals(m.get("type"))).toList();
    }
}
