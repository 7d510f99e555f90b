package dev.circuitbreaker.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

/**
 * The sample as Spring AOT leaves it for a native image, run on the JVM: {@code process-aot} (bound in the pom)
 * turned its bean definitions into generated code and wrote the native-image hints; this test starts the packaged
 * classes in a separate JVM with {@code -Dspring.aot.enabled=true}, so the generated code (not annotation scanning)
 * builds the context, then drives a charge, failures, OPEN, the fallback and the endpoint over HTTP. It also checks
 * that the hints the starter contributes reached the files a native-image build reads. Runs in failsafe's
 * integration-test phase, after {@code package}.
 */
class PaymentsAotModeIT {

    private static final Pattern PORT = Pattern.compile("started on port (\\d+)");
    private static final String MAIN = "dev.circuitbreaker.sample.PaymentsApplication";

    private static Process app;
    private static final Queue<String> output = new ConcurrentLinkedQueue<>();
    private static SampleClient sample;

    @BeforeAll
    static void startTheAotProcessedApplication() throws Exception {
        Path classes = Path.of(System.getProperty("sample.classes"));
        assertThat(classes.resolve(MAIN.replace('.', '/') + "__ApplicationContextInitializer.class"))
                .as("process-aot generated the context initializer").exists();
        String dependencies = Files.readString(Path.of(System.getProperty("sample.runtimeClasspathFile"))).trim();
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dspring.aot.enabled=true", "-XX:TieredStopAtLevel=1",
                "-cp", classes + File.pathSeparator + dependencies, MAIN,
                "--server.port=0",
                // The test profile's short waits, as arguments: src/test/resources is not on this class path.
                "--bank.slow-delay=300ms", "--bank.read-timeout=2s",
                "--circuitbreaker.instances.payments.wait-duration-in-open-state=600ms",
                "--circuitbreaker.instances.payments.backoff-multiplier=1.0");
        app = new ProcessBuilder(command).redirectErrorStream(true).start();
        CountDownLatch started = new CountDownLatch(1);
        int[] port = new int[1];
        Thread reader = new Thread(() -> readOutput(started, port), "aot-app-output");
        reader.setDaemon(true);
        reader.start();
        if (!started.await(90, TimeUnit.SECONDS)) {
            throw new AssertionError("the AOT-processed sample did not start within 90 s; its output:\n" + output());
        }
        sample = new SampleClient(port[0]);
    }

    @AfterAll
    static void stopTheApplication() throws InterruptedException {
        if (app != null) {
            app.destroy();
            if (!app.waitFor(20, TimeUnit.SECONDS)) {
                app.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void theAotProcessedSampleChargesFallsBackOpensAndRecovers() throws Exception {
        assertThat(output()).as("Spring Boot ran the generated code").contains("Starting AOT-processed PaymentsApplication");

        ResponseEntity<JsonValue> charged = sample.pay("aot-1");
        assertThat(charged.getStatusCode().value()).isEqualTo(200);
        assertThat(charged.getBody().path("status").asText()).isEqualTo("CHARGED");

        sample.bankMode("failing");
        for (int i = 1; i <= 3; i++) {
            ResponseEntity<JsonValue> failed = sample.pay("aot-f" + i);
            assertThat(failed.getStatusCode().value()).as("fallback answer %d", i).isEqualTo(202);
            assertThat(failed.getBody().path("reason").asText()).contains("bank call failed").contains("503");
        }
        JsonValue open = sample.breaker("payments");
        assertThat(open.path("state").asText()).isEqualTo("OPEN");
        assertThat(open.path("failedCalls").asLong()).isEqualTo(3);

        long bankCalls = sample.bankRequests();
        ResponseEntity<JsonValue> rejected = sample.pay("aot-r");
        assertThat(rejected.getStatusCode().value()).isEqualTo(202);
        assertThat(rejected.getBody().path("reason").asText()).contains("is OPEN").contains("bank not called");
        assertThat(sample.bankRequests()).isEqualTo(bankCalls);

        ResponseEntity<String> details = sample.get("/actuator/circuitbreakers/payments");
        assertThat(details.getStatusCode().value()).isEqualTo(200);
        JsonValue body = JsonValue.parse(details.getBody());
        assertThat(body.path("notPermittedCalls").asLong()).isEqualTo(1);
        assertThat(body.path("config").path("waitDurationInOpenStateMs").asLong()).isEqualTo(600);
        assertThat(details.getBody()).contains("HttpServerErrorException");

        sample.bankMode("healthy");
        awaitEndOfOpenWait(Duration.ofSeconds(5));
        for (int i = 1; i <= 2; i++) {
            assertThat(sample.pay("aot-t" + i).getBody().path("status").asText()).isEqualTo("CHARGED");
        }
        assertThat(sample.breaker("payments").path("state").asText()).isEqualTo("CLOSED");
        assertThat(sample.get("/circuitbreakers/dashboard.js").getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void theStartersHintsAreInTheFilesANativeImageBuildReads() throws IOException {
        Path hints = Path.of(System.getProperty("sample.aotOutput"), "resources", "META-INF", "native-image");
        String all;
        try (Stream<Path> files = Files.walk(hints)) {
            all = files.filter(f -> f.toString().endsWith(".json")).map(PaymentsAotModeIT::read)
                    .collect(Collectors.joining("\n"))
                    .replace("\\/", "/"); // JSON may escape '/'
        }
        assertThat(all).as("the fallback, invoked through reflection").containsPattern("\"name\"\\s*:\\s*\"chargeFallback\"")
                .as("an endpoint payload record").contains("dev.circuitbreaker.spring.actuate.BreakerStats")
                .as("the dashboard's files").contains("dev/circuitbreaker/dashboard")
                .as("the exception type in the sample's YAML").contains("org.springframework.web.client.HttpClientErrorException");
    }

    /** Polls the endpoint: this JVM cannot move the other one's clock (the real one, 600 ms of open wait). */
    private static void awaitEndOfOpenWait(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (sample.breaker("payments").path("remainingWaitMs").asLong() > 0) {
            assertThat(System.nanoTime()).as("the open wait ended within %s", timeout).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static void readOutput(CountDownLatch started, int[] port) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                output.add(line);
                Matcher m = PORT.matcher(line);
                if (started.getCount() > 0 && line.contains("Tomcat") && m.find()) {
                    port[0] = Integer.parseInt(m.group(1));
                    started.countDown();
                }
            }
        } catch (IOException ignored) {
            // The process ended; the output so far is kept.
        }
    }

    private static String output() {
        return String.join("\n", output);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
