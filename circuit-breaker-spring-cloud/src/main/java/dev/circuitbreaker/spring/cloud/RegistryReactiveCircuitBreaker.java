package dev.circuitbreaker.spring.cloud;

import dev.circuitbreaker.reactor.CircuitBreakerOperator;
import dev.circuitbreaker.spring.aop.CallObserver;
import dev.circuitbreaker.spring.aop.ObservedPublishers;
import java.util.function.Function;
import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreaker;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The Spring Cloud reactive face of the registry's breaker named {@code id}: guarded per subscription by the reactor
 * module's {@link CircuitBreakerOperator} (permit at subscribe, outcome at the terminal signal, cancellation ignored,
 * the breaker's {@code callTimeout}), with the breaker the registry holds for the id when the subscription starts.
 * Thread-safe and cheap to create.
 */
final class RegistryReactiveCircuitBreaker implements ReactiveCircuitBreaker {

    private final RegistryBreakers breakers;
    private final String id;

    RegistryReactiveCircuitBreaker(RegistryBreakers breakers, String id) {
        this.breakers = breakers;
        this.id = id;
    }

    /**
     * Runs {@code toRun} through the breaker at each subscription. The fallback receives the callee's own error
     * unchanged, the breaker's {@code CallNotPermittedException} when it did not run the call, or a
     * {@code java.util.concurrent.TimeoutException} when the breaker's {@code callTimeout} ran out; the JVM's fatal
     * errors skip it. Without a fallback, Spring Cloud's {@code NoFallbackAvailableException} carries that error.
     */
    @Override
    public <T> Mono<T> run(Mono<T> toRun, Function<Throwable, Mono<T>> fallback) {
        return Mono.defer(() -> guard(toRun, breakers.breaker(id)))
                .onErrorResume(Fallbacks::handles, error -> fallback(fallback, error, Mono::error));
    }

    /** Like {@link #run(Mono, Function)}; a Flux succeeds when it completes and fails when it errors. */
    @Override
    public <T> Flux<T> run(Flux<T> toRun, Function<Throwable, Flux<T>> fallback) {
        return Flux.defer(() -> guard(toRun, breakers.breaker(id)))
                .onErrorResume(Fallbacks::handles, error -> fallback(fallback, error, Flux::error));
    }

    private <T> Mono<T> guard(Mono<T> toRun, dev.circuitbreaker.CircuitBreaker breaker) {
        Mono<T> guarded = toRun.transform(CircuitBreakerOperator.of(breaker));
        CallObserver observer = breakers.observer();
        return observer == null ? guarded : ObservedPublishers.observe(guarded, observer, breaker);
    }

    private <T> Flux<T> guard(Flux<T> toRun, dev.circuitbreaker.CircuitBreaker breaker) {
        Flux<T> guarded = toRun.transform(CircuitBreakerOperator.of(breaker));
        CallObserver observer = breakers.observer();
        return observer == null ? guarded : ObservedPublishers.observe(guarded, observer, breaker);
    }

    private static <P> P fallback(Function<Throwable, P> fallback, Throwable error, Function<Throwable, P> failed) {
        try {
            return Fallbacks.apply(fallback, error);
        } catch (Throwable thrown) {
            return failed.apply(thrown);
        }
    }

    @Override
    public String toString() {
        return "RegistryReactiveCircuitBreaker[" + id + "]";
    }
}
