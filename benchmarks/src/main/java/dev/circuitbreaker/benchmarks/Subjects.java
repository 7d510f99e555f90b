package dev.circuitbreaker.benchmarks;

import dev.circuitbreaker.CircuitBreaker;
import dev.circuitbreaker.CircuitBreakerConfig;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import java.time.Duration;
import java.util.function.Supplier;

/** How each scenario configures the three breakers, in one place so the scenarios stay comparable. */
final class Subjects {

    /** Long enough that an OPEN breaker stays OPEN for a whole run. */
    static final Duration LONG_WAIT = Duration.ofMinutes(4);

    private Subjects() {
    }

    /** This project's default config: count rule, history of 100, so every call is timed. */
    static CircuitBreaker core() {
        return CircuitBreaker.of("core", CircuitBreakerConfig.ofDefaults());
    }

    /** Nothing needs a duration: no slow-call rule, no history. */
    static CircuitBreaker coreNoDuration() {
        return CircuitBreaker.of("core-no-duration", CircuitBreakerConfig.builder().historySize(0).build());
    }

    static io.github.resilience4j.circuitbreaker.CircuitBreaker resilience4j() {
        return io.github.resilience4j.circuitbreaker.CircuitBreaker.of("r4j",
                io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.ofDefaults());
    }

    static FailsafeExecutor<String> failsafe() {
        return Failsafe.with(dev.failsafe.CircuitBreaker.<String>ofDefaults());
    }

    /** 50 % failures never trip these: a window of 100 that opens only when every call in it failed. */
    static CircuitBreaker coreHighThreshold(int historySize) {
        return CircuitBreaker.of("core-high", CircuitBreakerConfig.builder()
                .slidingWindowSize(100).failureThreshold(0).failureRateThreshold(100).historySize(historySize).build());
    }

    static io.github.resilience4j.circuitbreaker.CircuitBreaker resilience4jHighThreshold() {
        return io.github.resilience4j.circuitbreaker.CircuitBreaker.of("r4j-high",
                io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.custom()
                        .slidingWindowSize(100).failureRateThreshold(100).build());
    }

    static FailsafeExecutor<String> failsafeHighThreshold() {
        return Failsafe.with(dev.failsafe.CircuitBreaker.<String>builder().withFailureThreshold(100, 100).build());
    }

    /** A 10-second time-based window. */
    static CircuitBreaker coreTimeBased(int historySize) {
        return CircuitBreaker.of("core-time", CircuitBreakerConfig.builder()
                .slidingWindowType(dev.circuitbreaker.SlidingWindowType.TIME_BASED).slidingWindowSize(10)
                .historySize(historySize).build());
    }

    static io.github.resilience4j.circuitbreaker.CircuitBreaker resilience4jTimeBased() {
        return io.github.resilience4j.circuitbreaker.CircuitBreaker.of("r4j-time",
                io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.custom()
                        .slidingWindowType(SlidingWindowType.TIME_BASED).slidingWindowSize(10).build());
    }

    static FailsafeExecutor<String> failsafeTimeBased() {
        return Failsafe.with(dev.failsafe.CircuitBreaker.<String>builder()
                .withFailureRateThreshold(50, 10, Duration.ofSeconds(10)).build());
    }

    /** The bulkhead's limit in the bulkhead scenarios: Resilience4j's default, never reached by 1 or 2 threads. */
    static final int MAX_CONCURRENT_CALLS = 25;

    /** The default config with the bulkhead on. */
    static CircuitBreaker coreBulkhead() {
        return CircuitBreaker.of("core-bulkhead", CircuitBreakerConfig.builder()
                .maxConcurrentCalls(MAX_CONCURRENT_CALLS).build());
    }

    /** The bulkhead on, and nothing that needs a duration. */
    static CircuitBreaker coreBulkheadNoDuration() {
        return CircuitBreaker.of("core-bulkhead-no-duration", CircuitBreakerConfig.builder()
                .maxConcurrentCalls(MAX_CONCURRENT_CALLS).historySize(0).build());
    }

    /**
     * Resilience4j's default circuit breaker around its semaphore bulkhead with the same limit (no waiting for a
     * place: {@code maxWaitDuration} zero, its default), the order of resilience4j-spring-boot3's aspects: the
     * breaker outside, the bulkhead inside.
     */
    static Supplier<String> resilience4jBulkhead(Supplier<String> callee) {
        io.github.resilience4j.bulkhead.Bulkhead bulkhead = io.github.resilience4j.bulkhead.Bulkhead.of("r4j-bulkhead",
                io.github.resilience4j.bulkhead.BulkheadConfig.custom()
                        .maxConcurrentCalls(MAX_CONCURRENT_CALLS).maxWaitDuration(Duration.ZERO).build());
        return io.github.resilience4j.circuitbreaker.CircuitBreaker.decorateSupplier(resilience4j(),
                io.github.resilience4j.bulkhead.Bulkhead.decorateSupplier(bulkhead, callee));
    }

    /** OPEN for the whole run. */
    static CircuitBreaker coreOpen() {
        CircuitBreaker cb = CircuitBreaker.of("core-open", CircuitBreakerConfig.builder()
                .waitDurationInOpenState(LONG_WAIT).build());
        cb.transitionToOpen();
        return cb;
    }

    static io.github.resilience4j.circuitbreaker.CircuitBreaker resilience4jOpen(boolean writableStackTrace) {
        io.github.resilience4j.circuitbreaker.CircuitBreaker cb = io.github.resilience4j.circuitbreaker.CircuitBreaker.of(
                "r4j-open", io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.custom()
                        .waitDurationInOpenState(LONG_WAIT).writableStackTraceEnabled(writableStackTrace).build());
        cb.transitionToOpenState();
        return cb;
    }

    static FailsafeExecutor<String> failsafeOpen() {
        dev.failsafe.CircuitBreaker<String> breaker = dev.failsafe.CircuitBreaker.<String>builder()
                .withDelay(LONG_WAIT).build();
        breaker.open();
        return Failsafe.with(breaker);
    }
}
