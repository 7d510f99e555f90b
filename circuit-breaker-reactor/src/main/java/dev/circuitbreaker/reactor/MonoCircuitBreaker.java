package dev.circuitbreaker.reactor;

import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoOperator;

/**
 * A {@link Mono} guarded by {@link CircuitBreakerOperator}: its first value, or its completion when empty, is the
 * call's success. Immutable and thread-safe; each subscription is one call.
 */
final class MonoCircuitBreaker<T> extends MonoOperator<T, T> {

    private final CircuitBreakerOperator<T> operator;

    MonoCircuitBreaker(Mono<? extends T> source, CircuitBreakerOperator<T> operator) {
        super(source);
        this.operator = operator;
    }

    @Override
    public void subscribe(CoreSubscriber<? super T> actual) {
        CircuitBreakerSubscriber.subscribe(source, actual, operator, true);
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
