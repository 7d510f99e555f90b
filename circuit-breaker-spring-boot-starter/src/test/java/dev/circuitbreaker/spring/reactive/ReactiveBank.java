package dev.circuitbreaker.spring.reactive;

import dev.circuitbreaker.spring.CircuitBreaker;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Single;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.reactivestreams.Publisher;
import reactor.adapter.JdkFlowAdapter;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A downstream with reactive {@code @CircuitBreaker} methods, one breaker per method. The tests hand it the publisher
 * each method returns next ({@link #next}); it counts how often its methods and fallbacks are called and how often
 * a fallback's publisher is subscribed. Read and set through methods: the bean is a CGLIB proxy, whose own fields
 * are not the target's.
 */
public class ReactiveBank {

    private volatile Supplier<Publisher<?>> next = () -> Flux.just("ok");
    private final AtomicInteger calls = new AtomicInteger();
    private final List<Throwable> fallbacks = new CopyOnWriteArrayList<>();
    private final AtomicInteger fallbackSubscriptions = new AtomicInteger();

    /** What the next call of any method returns (as that method's type). */
    public void next(Supplier<Publisher<?>> next) {
        this.next = next;
    }

    public int calls() {
        return calls.get();
    }

    public List<Throwable> fallbacks() {
        return fallbacks;
    }

    public int fallbackSubscriptions() {
        return fallbackSubscriptions.get();
    }

    @CircuitBreaker(name = "mono")
    public Mono<String> charge(String txn) {
        return Mono.from(source());
    }

    @CircuitBreaker(name = "flux")
    public Flux<String> statement() {
        return Flux.from(source());
    }

    @CircuitBreaker(name = "withFallback", fallback = "chargeFallback")
    public Mono<String> chargeWithFallback(String txn) {
        return Mono.from(source());
    }

    Mono<String> chargeFallback(String txn, Throwable cause) {
        fallbacks.add(cause);
        return Mono.fromSupplier(() -> {
            fallbackSubscriptions.incrementAndGet();
            return "deferred " + txn + ": " + cause.getClass().getSimpleName();
        });
    }

    @CircuitBreaker(name = "fluxWithFallback", fallback = "statementFallback")
    public Flux<String> statementWithFallback() {
        return Flux.from(source());
    }

    Flux<String> statementFallback(IOException cause) {
        fallbacks.add(cause);
        return Flux.just("cached-1", "cached-2").doOnSubscribe(s -> fallbackSubscriptions.incrementAndGet());
    }

    @CircuitBreaker(name = "throwsAtAssembly", fallback = "chargeFallback")
    public Mono<String> throwsAtAssembly(String txn) {
        calls.incrementAndGet();
        throw new UncheckedIOException(new IOException("could not even build the request"));
    }

    @CircuitBreaker(name = "rxFlowable")
    public Flowable<String> rxStatement() {
        return Flowable.fromPublisher(source());
    }

    @CircuitBreaker(name = "rxSingle", fallback = "rxFallback")
    public Single<String> rxCharge(String txn) {
        return Single.fromPublisher(source());
    }

    Single<String> rxFallback(String txn, Throwable cause) {
        fallbacks.add(cause);
        return Single.just("rx-deferred " + txn);
    }

    @CircuitBreaker(name = "rxCompletable")
    public Completable rxRefund() {
        return Completable.fromPublisher(source());
    }

    @CircuitBreaker(name = "jdkFlow")
    public Flow.Publisher<String> jdkStatement() {
        return JdkFlowAdapter.publisherToFlowPublisher(Flux.from(source()));
    }

    @SuppressWarnings("unchecked")
    private <T> Publisher<T> source() {
        calls.incrementAndGet();
        return (Publisher<T>) next.get();
    }
}
