package dev.circuitbreaker.benchmarks;

import dev.circuitbreaker.reactor.CircuitBreakerOperator;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;

/**
 * One subscription to a successful {@code Mono} guarded per subscription, as {@code transformDeferred} documents it:
 * this project's {@link CircuitBreakerOperator} beside Resilience4j's (resilience4j-reactor), in a healthy CLOSED
 * breaker. The floor is the same pipeline with Reactor's own one-operator step ({@code hide}) instead of a breaker:
 * what any operator in that place costs, so "B/op above the floor" is what the breaker adds. The subscriber is reused
 * (each subscription completes before the next starts) and hands the value to a {@link Blackhole}. One thread.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@Threads(1)
@State(Scope.Benchmark)
public class ReactiveMono {

    private Mono<String> floor;
    private Mono<String> core;
    private Mono<String> coreNoDuration;
    private Mono<String> resilience4j;
    private Sink sink;

    @Setup
    public void setUp(Blackhole blackhole) {
        Mono<String> source = Mono.just("paid");
        sink = new Sink(blackhole);
        floor = source.transformDeferred(Mono::hide);
        core = source.transformDeferred(CircuitBreakerOperator.of(Subjects.core()));
        coreNoDuration = source.transformDeferred(CircuitBreakerOperator.of(Subjects.coreNoDuration()));
        resilience4j = source.transformDeferred(
                io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator.of(Subjects.resilience4j()));
    }

    @Benchmark
    public void floor() {
        floor.subscribe(sink);
    }

    @Benchmark
    public void core() {
        core.subscribe(sink);
    }

    @Benchmark
    public void coreNoDuration() {
        coreNoDuration.subscribe(sink);
    }

    @Benchmark
    public void resilience4j() {
        resilience4j.subscribe(sink);
    }

    /** Requests everything and consumes the value; reusable for subscriptions that follow one another. */
    static final class Sink implements CoreSubscriber<String> {

        private final Blackhole blackhole;

        Sink(Blackhole blackhole) {
            this.blackhole = blackhole;
        }

        @Override
        public void onSubscribe(Subscription s) {
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String value) {
            blackhole.consume(value);
        }

        @Override
        public void onError(Throwable error) {
            throw new IllegalStateException("the benchmark's Mono failed", error);
        }

        @Override
        public void onComplete() {
            blackhole.consume(this);
        }
    }
}
