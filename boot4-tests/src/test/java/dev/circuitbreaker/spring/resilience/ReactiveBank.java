package dev.circuitbreaker.spring.resilience;

import dev.circuitbreaker.CallNotPermittedException;
import dev.circuitbreaker.spring.CircuitBreaker;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.resilience.annotation.Retryable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The reactive twin of {@link Bank}: {@code @Retryable} (no delay) and {@code @CircuitBreaker} with a fallback on
 * methods returning {@code Mono} and {@code Flux}, each on a breaker of its own. Spring's retry advice retries a
 * reactive method by subscribing again to the publisher the method returned, so an attempt is a subscription: the
 * first {@link #failFirst} attempts fail with {@code IOException("attempt n")}, the others succeed.
 */
public class ReactiveBank {

    private final AtomicInteger attempts = new AtomicInteger();
    private final AtomicInteger methodCalls = new AtomicInteger();
    private final List<Throwable> fallbacks = new CopyOnWriteArrayList<>();
    private volatile int failures = Integer.MAX_VALUE;

    public int attempts() {
        return attempts.get();
    }

    public int methodCalls() {
        return methodCalls.get();
    }

    public List<Throwable> fallbacks() {
        return fallbacks;
    }

    public void failFirst(int failures) {
        this.failures = failures;
    }

    @Retryable(maxRetries = 2, delay = 0)
    @CircuitBreaker(name = "reactiveRetried", fallback = "fallback")
    public Mono<String> charge(String id) {
        methodCalls.incrementAndGet();
        return Mono.defer(() -> attempt(id));
    }

    @Retryable(maxRetries = 5, delay = 0, excludes = CallNotPermittedException.class)
    @CircuitBreaker(name = "reactiveStopsOnRejection", fallback = "fallback")
    public Mono<String> chargeStoppingOnRejection(String id) {
        return Mono.defer(() -> attempt(id));
    }

    @Retryable(maxRetries = 2, delay = 0)
    @CircuitBreaker(name = "reactiveNoFallback")
    public Mono<String> chargeWithoutFallback(String id) {
        return Mono.defer(() -> attempt(id));
    }

    @Retryable(maxRetries = 2, delay = 0)
    @CircuitBreaker(name = "reactiveStatement", fallback = "statementFallback")
    public Flux<String> statement() {
        return Flux.defer(() -> attempt("statement").flux());
    }

    Mono<String> fallback(String id, Throwable cause) {
        fallbacks.add(cause);
        return Mono.just("deferred " + id + ": " + cause.getMessage());
    }

    Flux<String> statementFallback(Throwable cause) {
        fallbacks.add(cause);
        return Flux.just("cached");
    }

    private Mono<String> attempt(String id) {
        int attempt = attempts.incrementAndGet();
        return attempt <= failures ? Mono.error(new IOException("attempt " + attempt))
                : Mono.just("charged " + id + " at attempt " + attempt);
    }
}
