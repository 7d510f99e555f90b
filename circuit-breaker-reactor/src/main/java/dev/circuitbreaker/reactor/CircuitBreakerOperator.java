package dev.circuitbreaker.reactor;

import dev.circuitbreaker.CircuitBreaker;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Guards a {@link Mono} or {@link Flux} with a {@link CircuitBreaker}, per subscription:
 * <pre>{@code
 * Mono<Receipt> receipt = bank.charge(txn).transformDeferred(CircuitBreakerOperator.of(breaker));
 * Flux<Event> events = feed.events().transformDeferred(CircuitBreakerOperator.of(breaker));
 * }</pre>
 * <ul>
 * <li>The permit is taken when the guarded publisher is subscribed, not when it is assembled: a Mono built while the
 *     breaker was CLOSED and subscribed while it is OPEN is rejected. {@code transform} and {@code transformDeferred}
 *     therefore behave the same; each subscription (a retry's re-subscription included) is one call.</li>
 * <li>A rejected subscription never reaches the source: the subscriber gets {@code onSubscribe} and then
 *     {@code onError} with the breaker's {@link dev.circuitbreaker.CircuitBreakerOpenException} or, when its
 *     {@code maxConcurrentCalls} are all running, {@link dev.circuitbreaker.BulkheadFullException} (both
 *     {@link dev.circuitbreaker.CallNotPermittedException}s).</li>
 * <li>The outcome is recorded at the terminal signal, before the signal goes downstream: {@code onComplete} is a
 *     success, {@code onError} is classified like any call's exception (so a Flux that emits and then fails is a
 *     failure). A Mono's first value is its success: it is recorded before the value is passed on.</li>
 * <li>Cancelling before the outcome (also by an operator downstream, such as {@code take} or {@code next}) frees the
 *     permit and the bulkhead place and counts the call as ignored. Cancelling after the outcome changes nothing.</li>
 * <li>With a {@code callTimeout} on the breaker, a subscription without an outcome in time fails with a
 *     {@link java.util.concurrent.TimeoutException} (recorded like any exception) and its upstream subscription is
 *     cancelled. The timeout runs on {@link Schedulers#parallel()} unless a scheduler is given; no thread per call.</li>
 * </ul>
 * Exactly one outcome is reported per admitted subscription, whatever signals race (completion, cancellation,
 * timeout). The operator is a plain Reactor operator: it passes the subscriber's {@code Context} upstream and is
 * {@link reactor.core.Scannable} (step name {@code circuitBreaker(<name>)}). It is not fuseable.
 *
 * <p>Immutable and thread-safe: one instance may guard any number of publishers.
 *
 * @param <T> the type of the values passing through
 */
public final class CircuitBreakerOperator<T> implements UnaryOperator<Publisher<T>> {

    private final CircuitBreaker breaker;
    private final Scheduler timeoutScheduler;

    private CircuitBreakerOperator(CircuitBreaker breaker, Scheduler timeoutScheduler) {
        this.breaker = breaker;
        this.timeoutScheduler = timeoutScheduler;
    }

    /**
     * An operator guarding publishers with {@code breaker}; its {@code callTimeout}, if any, runs on
     * {@link Schedulers#parallel()} (looked up at each subscription, so virtual-time tests replace it).
     *
     * @param <T> the type of the values passing through
     * @param breaker the breaker that permits and counts each subscription
     * @return the operator, for {@code transformDeferred} or {@code transform}
     * @throws NullPointerException if {@code breaker} is null
     */
    public static <T> CircuitBreakerOperator<T> of(CircuitBreaker breaker) {
        return new CircuitBreakerOperator<>(Objects.requireNonNull(breaker, "breaker"), null);
    }

    /**
     * An operator guarding publishers with {@code breaker}, running its {@code callTimeout} on {@code timeoutScheduler}.
     *
     * @param <T> the type of the values passing through
     * @param breaker the breaker that permits and counts each subscription
     * @param timeoutScheduler where the call timeout of a subscription runs (one delayed task per subscription)
     * @return the operator, for {@code transformDeferred} or {@code transform}
     * @throws NullPointerException if an argument is null
     */
    public static <T> CircuitBreakerOperator<T> of(CircuitBreaker breaker, Scheduler timeoutScheduler) {
        return new CircuitBreakerOperator<>(Objects.requireNonNull(breaker, "breaker"),
                Objects.requireNonNull(timeoutScheduler, "timeoutScheduler"));
    }

    /**
     * Guards {@code publisher}: a {@link Mono} comes back as a Mono, anything else as a {@link Flux}. Nothing is
     * subscribed here; each subscription to the returned publisher is one call.
     *
     * @param publisher the source to guard
     * @return the guarded publisher
     * @throws NullPointerException if {@code publisher} is null
     */
    @Override
    public Publisher<T> apply(Publisher<T> publisher) {
        Objects.requireNonNull(publisher, "publisher");
        if (publisher instanceof Mono<T> mono) {
            return new MonoCircuitBreaker<>(mono, this);
        }
        return new FluxCircuitBreaker<>(Flux.from(publisher), this);
    }

    /** {@return the breaker this operator guards with} */
    public CircuitBreaker breaker() {
        return breaker;
    }

    /** The scheduler for a timeout now: the one given, or Reactor's parallel scheduler. */
    Scheduler timeoutScheduler() {
        return timeoutScheduler != null ? timeoutScheduler : Schedulers.parallel();
    }

    String stepName() {
        return "circuitBreaker(" + breaker.name() + ")";
    }

    @Override
    public String toString() {
        return "CircuitBreakerOperator[" + breaker.name() + "]";
    }
}
