package dev.circuitbreaker.reactor;

import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxOperator;

/**
 * A {@link Flux} guarded by {@link CircuitBreakerOperator}: the call succeeds when the Flux completes and fails when
 * it signals a recorded error, whatever it emitted before. Immutable and thread-safe; each subscription is one call.
 */
final class FluxCircuitBreaker<T> extends FluxOperator<T, T> {

    private final CircuitBreakerOperator<T> operator;

    FluxCircuitBreaker(Flux<? extends T> source, CircuitBreakerOperator<T> operator) {
        super(source);
        this.operator = operator;
    }

    @Override
    public void subscribe(CoreSubscriber<? super T> actual) {
        CircuitBreakerSubscriber.subscribe(source, actual, operator, false);
    }

    @Override
    @SuppressWarnings("rawtypes") // Reactor declares the parameter raw
    public Object scanUnsafe(Attr key) {
        return key == Attr.RUN_STYLE ? Attr.RunStyle.SYNC : super.scanUnsafe(key);
    }

    @Override
    public String stepName() {
        return operator.stepName();
    }
}
