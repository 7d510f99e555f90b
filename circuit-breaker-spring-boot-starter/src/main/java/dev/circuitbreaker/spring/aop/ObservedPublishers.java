package dev.circuitbreaker.spring.aop;

import dev.circuitbreaker.CircuitBreaker;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Each subscription of a guarded publisher as one observed call ({@link CallObserver}): started at subscribe as a
 * child of the observation in the subscriber's context (the key Micrometer's context propagation uses) or of the
 * current one, current for the source through the context, and stopped at the terminal signal (a {@code Mono}'s
 * value) or as ignored on cancellation. Used by reactive annotated methods and the Spring Cloud reactive factory;
 * loaded only where Reactor is. Stateless.
 */
public final class ObservedPublishers {

    /** Where Micrometer's context propagation keeps the current observation in a Reactor context. */
    static final String OBSERVATION_KEY = "micrometer.observation";

    private ObservedPublishers() {
    }

    /**
     * Observes each subscription of {@code guarded}, a publisher guarded by {@code breaker}.
     *
     * @param <T> the value type
     * @param guarded the guarded publisher
     * @param observer the observer
     * @param breaker the breaker guarding it
     * @return the observed publisher
     */
    public static <T> Mono<T> observe(Mono<T> guarded, CallObserver observer, CircuitBreaker breaker) {
        return Mono.deferContextual(context -> {
            CallObserver.Observed observed = observer.start(breaker, context.getOrDefault(OBSERVATION_KEY, null));
            return guarded.doOnSuccess(value -> observed.stop(null))
                    .doOnError(observed::stop)
                    .doOnCancel(observed::cancelled)
                    .contextWrite(c -> c.put(OBSERVATION_KEY, observed.observation()));
        });
    }

    /**
     * Observes each subscription of {@code guarded}, a publisher guarded by {@code breaker}; a {@code Flux} call ends
     * when it completes or errors.
     *
     * @param <T> the value type
     * @param guarded the guarded publisher
     * @param observer the observer
     * @param breaker the breaker guarding it
     * @return the observed publisher
     */
    public static <T> Flux<T> observe(Flux<T> guarded, CallObserver observer, CircuitBreaker breaker) {
        return Flux.deferContextual(context -> {
            CallObserver.Observed observed = observer.start(breaker, context.getOrDefault(OBSERVATION_KEY, null));
            return guarded.doOnComplete(() -> observed.stop(null))
                    .doOnError(observed::stop)
                    .doOnCancel(observed::cancelled)
                    .contextWrite(c -> c.put(OBSERVATION_KEY, observed.observation()));
        });
    }
}
