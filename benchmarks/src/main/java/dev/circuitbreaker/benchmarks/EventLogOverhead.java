package dev.circuitbreaker.benchmarks;

import dev.circuitbreaker.CallNotPermittedException;
import dev.circuitbreaker.CircuitBreaker;
import dev.circuitbreaker.CircuitBreakerConfig;
import dev.circuitbreaker.CircuitBreakerRegistry;
import dev.circuitbreaker.spring.events.CircuitBreakerEventLog;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
 * What the starter's event log (on when the {@code circuitbreakerevents} endpoint is exposed or the dashboard is
 * on) costs a caller: each pair is the same breaker config without and with a {@link CircuitBreakerEventLog}
 * following its registry. A fast success is no event (the log's listener compares the duration and returns), but a
 * breaker with a listener times every call, so the pair without history ({@code noDuration}) shows the clock reads
 * the listener brings. An OPEN rejection is an event: one small object and a lock-free append. One thread.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(2)
@Threads(1)
@State(Scope.Benchmark)
public class EventLogOverhead {

    private final Callee.Payload payload = new Callee.Payload();
    private Supplier<String> callee;
    private CircuitBreaker success;
    private CircuitBreaker successWithLog;
    private CircuitBreaker noDuration;
    private CircuitBreaker noDurationWithLog;
    private CircuitBreaker open;
    private CircuitBreaker openWithLog;
    private CircuitBreakerEventLog log;

    @Setup
    public void setUp() {
        callee = Callee.succeeding(payload);
        CircuitBreakerRegistry plain = CircuitBreakerRegistry.ofDefaults();
        CircuitBreakerRegistry logged = CircuitBreakerRegistry.ofDefaults();
        log = new CircuitBreakerEventLog(logged);
        CircuitBreakerConfig noHistory = CircuitBreakerConfig.builder().historySize(0).build();
        CircuitBreakerConfig longWait = CircuitBreakerConfig.builder().waitDurationInOpenState(Subjects.LONG_WAIT).build();
        success = plain.circuitBreaker("success");
        successWithLog = logged.circuitBreaker("success");
        noDuration = plain.circuitBreaker("no-duration", noHistory);
        noDurationWithLog = logged.circuitBreaker("no-duration", noHistory);
        open = plain.circuitBreaker("open", longWait);
        openWithLog = logged.circuitBreaker("open", longWait);
        open.transitionToOpen();
        openWithLog.transitionToOpen();
    }

    @TearDown
    public void tearDown() {
        log.close();
    }

    @Benchmark
    public String success() {
        return success.get(callee);
    }

    @Benchmark
    public String successWithLog() {
        return successWithLog.get(callee);
    }

    @Benchmark
    public String noDuration() {
        return noDuration.get(callee);
    }

    @Benchmark
    public String noDurationWithLog() {
        return noDurationWithLog.get(callee);
    }

    @Benchmark
    public Object rejection() {
        return reject(open);
    }

    @Benchmark
    public Object rejectionWithLog() {
        return reject(openWithLog);
    }

    private Object reject(CircuitBreaker breaker) {
        try {
            return breaker.get(callee);
        } catch (CallNotPermittedException e) {
            return e;
        }
    }
}
