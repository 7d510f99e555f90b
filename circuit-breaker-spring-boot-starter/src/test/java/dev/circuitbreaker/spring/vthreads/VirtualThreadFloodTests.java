package dev.circuitbreaker.spring.vthreads;

import static org.assertj.core.api.Assertions.assertThat;

import dev.circuitbreaker.CircuitBreakerRegistry;
import dev.circuitbreaker.CircuitBreakerStats;
import dev.circuitbreaker.CircuitState;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * Thousands of concurrent {@code @CircuitBreaker} calls on virtual threads through a real Spring context: half of
 * them arrive over HTTP on Tomcat's virtual request threads ({@code spring.threads.virtual.enabled=true}), the rest
 * come straight from virtual threads, and every one blocks on a real HTTP downstream. A JFR recording of
 * {@code jdk.VirtualThreadPinned} (threshold 0: every park while pinned) must hold no event with a frame of ours,
 * and every counter must come out exact.
 *
 * <p>JFR is the pinning detector that works on every JDK with virtual threads: {@code -Djdk.tracePinnedThreads}
 * (which {@code .ci/run} still passes) was removed in JDK 24, where JEP 491 also stopped {@code synchronized} from
 * pinning. What still pins on JDK 24+ is blocking in native frames and in class initializers, which this recording
 * catches (see the control test); what pins on JDK 21 to 23, a monitor, is ruled out for all our code by the shared
 * architecture test (no synchronized method or block, no {@code Object.wait}).
 *
 * <p>Needs Java 21+: skipped by the default build on JDK 17; {@code .ci/run} runs it on JDK 25.
 */
@EnabledForJreRange(min = JRE.JAVA_21, disabledReason = "virtual threads need Java 21; .ci/run runs this on JDK 25")
@SpringBootTest(classes = FloodTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "spring.threads.virtual.enabled=true",
        "server.tomcat.accept-count=4096",
        // A window that cannot open under this load (only every fifth call fails): every call must reach the bank.
        "circuitbreaker.instances.flood.failure-threshold=0",
        "circuitbreaker.instances.flood.failure-rate-threshold=100",
        "circuitbreaker.instances.flood.sliding-window-size=100",
        "circuitbreaker.instances.flood.minimum-number-of-calls=100"})
class VirtualThreadFloodTests {

    private static final int HTTP_CALLS = 1_000;
    private static final int DIRECT_CALLS = 2_000;
    private static final int CALLS = HTTP_CALLS + DIRECT_CALLS;
    private static final int FAILING = CALLS / 5;

    @Value("${local.server.port}")
    private int port;

    @Autowired
    private FloodTestApplication.FloodClient client;

    @Autowired
    private FloodTestApplication.Counts counts;

    @Autowired
    private FloodTestApplication.Downstream downstream;

    @Autowired
    private CircuitBreakerRegistry registry;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(30)).build();

    @Test
    void aFloodOfAnnotatedCallsOnVirtualThreadsPinsNothingOfOursAndCountsExactly(@TempDir Path dir) throws Exception {
        warmUp();
        List<RecordedEvent> pinned;
        List<String> httpAnswers;
        List<String> directAnswers;
        try (Recording recording = pinnedThreadRecording()) {
            recording.start();
            ExecutorService threads = VirtualThreads.perTaskExecutor();
            CountDownLatch go = new CountDownLatch(1);
            List<Future<String>> overHttp = new ArrayList<>();
            List<Future<String>> direct = new ArrayList<>();
            for (int i = 0; i < HTTP_CALLS; i++) {
                int charge = i;
                overHttp.add(threads.submit(afterSignal(go, () -> get("/flood/" + charge))));
            }
            for (int i = HTTP_CALLS; i < CALLS; i++) {
                int charge = i;
                direct.add(threads.submit(afterSignal(go, () -> client.charge(charge))));
            }
            go.countDown();
            httpAnswers = answers(overHttp);
            directAnswers = answers(direct);
            threads.shutdown();
            assertThat(threads.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
            recording.stop();
            pinned = pinnedEvents(recording, dir.resolve("flood.jfr"));
        }

        for (int i = 0; i < CALLS; i++) {
            String expected = (FloodTestApplication.fails(i) ? "deferred:" : "charged:") + i;
            assertThat(i < HTTP_CALLS ? httpAnswers.get(i) : directAnswers.get(i - HTTP_CALLS)).as("call %d", i)
                    .isEqualTo(expected);
        }
        CircuitBreakerStats stats = registry.find("flood").orElseThrow().stats();
        assertThat(stats.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(stats.totalCalls()).isEqualTo(CALLS);
        assertThat(stats.successfulCalls()).isEqualTo(CALLS - FAILING);
        assertThat(stats.failedCalls()).isEqualTo(FAILING);
        assertThat(stats.ignoredCalls()).isZero();
        assertThat(stats.notPermittedCalls()).isZero();
        assertThat(registry.find("flood").orElseThrow().history()).hasSize(100);
        assertThat(downstream.successes.get()).isEqualTo(CALLS - FAILING);
        assertThat(downstream.failures.get()).isEqualTo(FAILING);
        assertThat(counts.fallbacks.get()).isEqualTo(FAILING);
        assertThat(downstream.maxInFlight.get()).as("calls that blocked on the downstream at the same time").isGreaterThan(50);
        assertThat(counts.requestsOnPlatformThreads.get()).as("Tomcat's request threads are virtual").isZero();
        assertThat(counts.callsOnPlatformThreads.get()).as("every guarded call ran on a virtual thread").isZero();
        assertThat(ours(pinned)).as("pinned virtual threads with a frame of ours").isEmpty();
    }

    /**
     * The control: the same recording does see a virtual thread that blocks while pinned. A class initializer pins
     * its virtual thread on every JDK (JEP 491 left that case), so it stands in for any pinning of ours.
     */
    @Test
    void theRecordingSeesAVirtualThreadThatBlocksWhilePinned(@TempDir Path dir) throws Exception {
        List<RecordedEvent> pinned;
        try (Recording recording = pinnedThreadRecording()) {
            recording.start();
            ExecutorService threads = VirtualThreads.perTaskExecutor();
            threads.submit(BlocksInItsInitializer::touch).get(30, TimeUnit.SECONDS);
            threads.shutdown();
            recording.stop();
            pinned = pinnedEvents(recording, dir.resolve("control.jfr"));
        }
        assertThat(ours(pinned)).as("the initializer's pinned park").isNotEmpty();
    }

    private void warmUp() throws Exception {
        // Classes loaded and initialized once (a first use can block in an initializer), connections opened; from
        // this (platform) thread, so the counts start again afterwards.
        for (int i = 0; i < 20; i++) {
            get("/flood/" + i);
            client.charge(i);
        }
        registry.find("flood").orElseThrow().reset();
        downstream.resetCounts();
        counts.fallbacks.set(0);
        counts.callsOnPlatformThreads.set(0);
        counts.requestsOnPlatformThreads.set(0);
    }

    private static Recording pinnedThreadRecording() {
        Recording recording = new Recording();
        recording.enable("jdk.VirtualThreadPinned").withThreshold(Duration.ZERO).withStackTrace();
        return recording;
    }

    private static List<RecordedEvent> pinnedEvents(Recording recording, Path file) throws IOException {
        recording.dump(file);
        return RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().equals("jdk.VirtualThreadPinned")).toList();
    }

    /** Each event with a frame of this project (library or test code), as its stack, for the failure message. */
    private static List<String> ours(List<RecordedEvent> events) {
        return events.stream().filter(e -> e.getStackTrace() != null
                        && e.getStackTrace().getFrames().stream().anyMatch(f -> typeName(f).startsWith("dev.circuitbreaker.")))
                .map(e -> e.getStackTrace().getFrames().stream().map(f -> typeName(f) + "." + f.getMethod().getName())
                        .collect(Collectors.joining(" < ")))
                .toList();
    }

    private static String typeName(RecordedFrame frame) {
        return frame.getMethod() == null ? "" : frame.getMethod().getType().getName();
    }

    private static <T> Callable<T> afterSignal(CountDownLatch go, Callable<T> call) {
        return () -> {
            assertThat(go.await(30, TimeUnit.SECONDS)).isTrue();
            return call.call();
        };
    }

    private static List<String> answers(List<Future<String>> futures) throws Exception {
        List<String> answers = new ArrayList<>();
        for (Future<String> f : futures) {
            answers.add(f.get(2, TimeUnit.MINUTES));
        }
        return answers;
    }

    private String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s", path).isEqualTo(200);
        return response.body();
    }

    /** Blocks (parks) while its class is being initialized: pinned on every JDK. */
    static final class BlocksInItsInitializer {

        static {
            try {
                Thread.sleep(30);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        static void touch() {
            // Initializing the class is the point.
        }
    }
}
