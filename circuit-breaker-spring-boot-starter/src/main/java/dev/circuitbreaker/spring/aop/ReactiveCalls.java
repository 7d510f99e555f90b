package dev.circuitbreaker.spring.aop;

import dev.circuitbreaker.CircuitBreaker;
import dev.circuitbreaker.reactor.CircuitBreakerOperator;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.aopalliance.intercept.MethodInvocation;
import org.reactivestreams.Publisher;
import org.springframework.core.ReactiveAdapter;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Methods returning a reactive type, and Kotlin {@code suspend} functions (which Spring AOP hands to advice as a
 * {@code Mono}, or a {@code Flux} for a {@code Flow}): the method is called as usual and its publisher is guarded per
 * subscription by {@link CircuitBreakerOperator} (permit at subscribe, outcome at the terminal signal or a
 * single-value type's value, cancellation ignored, the breaker's {@code callTimeout} applied). A method that throws
 * instead of returning a publisher gives a publisher of that error, guarded the same way, so the failure is counted
 * (and falls back) at subscription like any other. Types other than {@code Mono} and {@code Flux} go through their
 * {@link ReactiveAdapter}: to a publisher, guarded, and back to the method's type.
 *
 * <p>The fallback is called when a subscription fails with a recorded failure or this breaker's own rejection, and
 * its publisher (of the method's type) is subscribed in place of the failed one; nothing of it runs otherwise. Inside
 * a Spring Framework 7 retry advice, which retries by subscribing again, the fallback is attached outside the retries
 * instead ({@link RetryAwareFallback}), so it runs once when they are over. Immutable and thread-safe.
 */
final class ReactiveCalls implements CallStrategy {

    /** Converts the method's type to and from a publisher; {@code null} for {@code Mono}, {@code Flux} and suspend. */
    private final ReactiveAdapter adapter;
    /** At most one value: the first value is the success (a {@code Mono}); otherwise a {@code Flux}. */
    private final boolean single;

    ReactiveCalls(ReactiveAdapter adapter, boolean single) {
        this.adapter = adapter;
        this.single = single;
    }

    @Override
    public Object invoke(GuardedMethod method, CircuitBreaker cb, MethodInvocation invocation) {
        Publisher<Object> source;
        try {
            Object returned = invocation.proceed();
            if (returned == null) {
                return null;
            }
            source = toPublisher(returned);
        } catch (Throwable error) {
            source = single ? Mono.error(error) : Flux.error(error);
        }
        Publisher<Object> guarded = CircuitBreakerOperator.<Object>of(cb).apply(shaped(source));
        CallObserver observer = method.observer();
        if (observer != null) {
            guarded = observed(guarded, observer, cb);
        }
        FallbackMethod fallback = method.fallback();
        if (fallback != null && !RetryAwareFallback.defers(invocation)) {
            guarded = withFallback(guarded, UnaryOperator.identity(), fallback, invocation, cb);
        }
        return fromPublisher(guarded);
    }

    private Publisher<Object> observed(Publisher<Object> guarded, CallObserver observer, CircuitBreaker cb) {
        return single ? ObservedPublishers.observe((Mono<Object>) guarded, observer, cb)
                : ObservedPublishers.observe((Flux<Object>) guarded, observer, cb);
    }

    @Override
    public boolean fallsBackAfterRetries() {
        return true;
    }

    @Override
    public boolean fallsBackOnPublisher() {
        return true;
    }

    /**
     * The fallback on what comes out of a retry advice that {@code invocation} proceeded through: runs once the
     * retries are over, on the last attempt's error (Reactor's retries-exhausted error is looked through).
     */
    Object fallBackAfterRetries(GuardedMethod method, MethodInvocation invocation, Object retried) {
        if (retried == null) {
            return null;
        }
        CircuitBreaker cb = method.breaker();
        FallbackMethod fallback = method.fallback();
        Publisher<Object> publisher = withFallback(shaped(toPublisher(retried)), ReactiveCalls::lastAttemptError,
                fallback, invocation, cb);
        return fromPublisher(publisher);
    }

    /**
     * {@code guarded} falling back on the errors the fallback applies to; {@code cause} gives the error to decide
     * on and to hand the fallback.
     */
    private Publisher<Object> withFallback(Publisher<Object> guarded, UnaryOperator<Throwable> cause,
            FallbackMethod fallback, MethodInvocation invocation, CircuitBreaker cb) {
        Predicate<Throwable> fallsBack = e -> {
            Throwable c = cause.apply(e);
            return GuardedMethod.fallsBackOn(cb, c) && fallback.appliesTo(c);
        };
        if (single) {
            return ((Mono<Object>) guarded).onErrorResume(fallsBack,
                    e -> Mono.from(fallbackPublisher(fallback, invocation, cause.apply(e), cb)));
        }
        return ((Flux<Object>) guarded).onErrorResume(fallsBack,
                e -> fallbackPublisher(fallback, invocation, cause.apply(e), cb));
    }

    /** The fallback's publisher for {@code error}, failing with the fallback's exception (the original suppressed). */
    private Publisher<Object> fallbackPublisher(FallbackMethod fallback, MethodInvocation invocation, Throwable error,
            CircuitBreaker cb) {
        Object returned;
        try {
            returned = fallback.invoke(invocation.getThis(), invocation.getArguments(), error);
        } catch (Throwable thrown) {
            return Flux.error(thrown);
        }
        if (returned == null) {
            return Flux.error(FallbackMethod.withSuppressed(new NullPointerException("the fallback of '" + cb.name()
                    + "' returned null instead of a " + (adapter != null ? adapter.getReactiveType().getSimpleName()
                    : single ? "Mono" : "Flux")), error));
        }
        return Flux.from(toPublisher(returned)).onErrorMap(e -> FallbackMethod.withSuppressed(e, error));
    }

    @SuppressWarnings("unchecked")
    private Publisher<Object> toPublisher(Object returned) {
        return adapter != null ? adapter.toPublisher(returned) : (Publisher<Object>) returned;
    }

    private Publisher<Object> shaped(Publisher<Object> publisher) {
        return single ? Mono.from(publisher) : Flux.from(publisher);
    }

    private Object fromPublisher(Publisher<Object> publisher) {
        return adapter != null ? adapter.fromPublisher(publisher) : publisher;
    }

    private static Throwable lastAttemptError(Throwable error) {
        return Exceptions.isRetryExhausted(error) && error.getCause() != null ? error.getCause() : error;
    }
}
