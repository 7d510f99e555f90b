package dev.circuitbreaker.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Measures how long endpoints take to answer: rounds of one {@code GET} per endpoint, all endpoints of a round at
 * once, each with its own client-side timeout. A probe that gets no answer in time counts as timed out. Not
 * thread-safe; one test uses one instance.
 */
final class Probes {

    /** One probe's outcome: the time to the answer, or {@code null} for a timeout; the status when answered. */
    record Probe(Duration latency, int status) {

        boolean timedOut() {
            return latency == null;
        }
    }

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final Duration timeout;
    private final Map<String, List<Probe>> results = new LinkedHashMap<>();

    Probes(int port, Duration timeout, String... paths) {
        this.base = "http://localhost:" + port;
        this.timeout = timeout;
        for (String path : paths) {
            results.put(path, new ArrayList<>());
        }
    }

    /** Runs {@code rounds} rounds, each probing every endpoint at the same time and waiting for all of them. */
    Probes run(int rounds) {
        for (int i = 0; i < rounds; i++) {
            Map<String, CompletableFuture<Probe>> round = new LinkedHashMap<>();
            results.keySet().forEach(path -> round.put(path, probe(path)));
            round.forEach((path, probe) -> results.get(path).add(probe.join()));
        }
        return this;
    }

    List<Probe> of(String path) {
        return results.get(path);
    }

    /** The 99th percentile latency of {@code path}'s probes; a timed-out probe counts as slower than any answer. */
    Duration p99(String path) {
        List<Probe> probes = new ArrayList<>(of(path));
        probes.sort(Comparator.comparing(p -> p.timedOut() ? Duration.ofDays(1) : p.latency()));
        Probe p99 = probes.get((int) Math.ceil(probes.size() * 0.99) - 1);
        return p99.timedOut() ? Duration.ofDays(1) : p99.latency();
    }

    long timeouts(String path) {
        return of(path).stream().filter(Probe::timedOut).count();
    }

    private CompletableFuture<Probe> probe(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout).GET().build();
        long start = System.nanoTime();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .handle((response, error) -> {
                    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                    if (cause instanceof HttpTimeoutException) {
                        return new Probe(null, 0);
                    }
                    if (cause != null) {
                        throw new AssertionError("GET " + path + " failed", cause);
                    }
                    return new Probe(Duration.ofNanos(System.nanoTime() - start), response.statusCode());
                });
    }
}
