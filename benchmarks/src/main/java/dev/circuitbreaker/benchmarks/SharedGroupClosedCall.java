package dev.circuitbreaker.benchmarks;

import dev.circuitbreaker.CircuitBreaker;
import dev.circuitbreaker.CircuitBreakerConfig;
import dev.circuitbreaker.CircuitBreakerRegistry;
import dev.circuitbreaker.group.SharedGroupConfig;
import dev.circuitbreaker.redis.RedisGroupStore;
import io.lettuce.core.RedisURI;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A permitted call in a healthy CLOSED breaker that is a member of a group shared across instances through Redis
 * ({@code shared}), against the same default config as a plain breaker ({@code core}, the {@link ClosedSuccess}
 * subject) and as a member of an in-memory group ({@code inMemoryGroup}). The shared member's store is connected to
 * a real {@code redis-server} that this benchmark starts on a free port (without one on the PATH the store points
 * at a closed port: the CLOSED path is the same either way, and the run says which it measured). Target:
 * {@code shared} at most 1.05x {@code core}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(4)
@Threads(1)
@State(Scope.Benchmark)
public class SharedGroupClosedCall {

    private final Callee.Payload payload = new Callee.Payload();
    private Supplier<String> callee;
    private CircuitBreaker core;
    private CircuitBreaker inMemoryGroup;
    private CircuitBreaker shared;
    private Process redis;
    private RedisGroupStore store;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        callee = Callee.succeeding(payload);
        core = Subjects.core();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        if (Files.isExecutable(Path.of("/usr/bin/redis-server"))) {
            redis = new ProcessBuilder("redis-server", "--bind", "127.0.0.1", "--port", Integer.toString(port),
                    "--save", "", "--appendonly", "no").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        }
        store = RedisGroupStore.builder(RedisURI.create("redis://127.0.0.1:" + port)).build();
        CircuitBreakerRegistry registry = CircuitBreakerRegistry.builder().groupStore(store)
                .sharedGroup("shared", SharedGroupConfig.ofDefaults()).build();
        CircuitBreakerConfig config = CircuitBreakerConfig.builder().waitDurationInOpenState(Subjects.LONG_WAIT).build();
        shared = registry.circuitBreaker("shared", config.toBuilder().group("shared").build());
        inMemoryGroup = registry.circuitBreaker("inMemory", config.toBuilder().group("inMemory").build());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (redis != null && !store.isConnected() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        System.out.println("# shared group store connected to Redis: " + store.isConnected());
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        store.close();
        if (redis != null) {
            redis.destroyForcibly();
        }
    }

    @Benchmark
    public String core() {
        return core.get(callee);
    }

    @Benchmark
    public String inMemoryGroup() {
        return inMemoryGroup.get(callee);
    }

    @Benchmark
    public String shared() {
        return shared.get(callee);
    }
}
