package dev.circuitbreaker.spring.cloud;

import dev.circuitbreaker.CallNotPermittedException;
import dev.circuitbreaker.CallPermit;
import dev.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Guards a {@link Mono} or {@link Flux} with a breaker per subscription, on the core's permit API: the permit is
 * taken when the guarded publisher is subscribed (a rejection signals the breaker's {@link CallNotPermittedException}
 * without subscribing to the source), the outcome is reported at the terminal signal (a Mono's first value or empty
 * completion is a success; a Flux succeeds when it completes, even after values, and fails when it errors), and a
 * cancellation before that frees the permit as ignored. The breaker's {@code callTimeout}, if set, fails the call
 * with {@link TimeoutException} (reported like any error) and cancels the source. The permit's first report wins, so
 * racing signals need no guard here. Stateless.
 */
final class ReactivePermits {

    private ReactivePermits() {
    }

    static <T> Mono<T> guard(Mono<T> source, CircuitBreaker breaker) {
        CallPermit permit;
        try {
            permit = breaker.acquirePermit();
        } catch (CallNotPermittedException rejected) {
            return Mono.error(rejected);
        }
        Duration timeout = breaker.config().callTimeout();
        Mono<T> timed = timeout == null ? source
                : source.timeout(timeout, Mono.error(() -> timeoutException(breaker, timeout)));
        return timed.doOnNext(value -> permit.onSuccess())
                .doOnSuccess(value -> permit.onSuccess())
                .doOnError(permit::onError)
                .doOnCancel(permit::onCancel);
    }

    static <T> Flux<T> guard(Flux<T> source, CircuitBreaker breaker) {
        CallPermit permit;
        try {
            permit = breaker.acquirePermit();
        } catch (CallNotPermittedException rejected) {
            return Flux.error(rejected);
        }
        Duration timeout = breaker.config().callTimeout();
        return withDeadline(source, breaker, timeout)
                .doOnComplete(permit::onSuccess)
                .doOnError(permit::onError)
                .doOnCancel(permit::onCancel);
    }

    /** The whole stream, not each value, must end within {@code timeout}; the source is cancelled when it does not. */
    private static <T> Flux<T> withDeadline(Flux<T> source, CircuitBreaker breaker, Duration timeout) {
        if (timeout == null) {
            return source;
        }
        AtomicBoolean timedOut = new AtomicBoolean();
        return source.takeUntilOther(Mono.delay(timeout).doOnNext(tick -> timedOut.set(true)))
                .concatWith(Mono.defer(() -> timedOut.get() ? Mono.error(timeoutException(breaker, timeout)) : Mono.empty()));
    }

    private static TimeoutException timeoutException(CircuitBreaker breaker, Duration timeout) {
        return new TimeoutException("call of circuit breaker '" + breaker.name() + "' did not complete within callTimeout "
                + timeout.toMillis() + " ms");
    }
}
