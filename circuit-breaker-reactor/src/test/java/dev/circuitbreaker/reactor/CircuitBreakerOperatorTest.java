package dev.circuitbreaker.reactor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.circuitbreaker.CircuitBreaker;
import dev.circuitbreaker.CircuitBreakerConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Scannable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import reactor.test.publisher.TestPublisher;
import reactor.test.scheduler.VirtualTimeScheduler;
import reactor.util.context.Context;

/** The operator's details beyond the subscription rules (those are in {@link SubscriptionRulesTest}). */
class CircuitBreakerOperatorTest {

    static final Duration WAIT = Duration.ofSeconds(5);

    final CircuitBreaker cb = CircuitBreaker.of("payments", CircuitBreakerConfig.builder()
            .ignoreExceptions(IllegalArgumentException.class).build());

    @Test
    void aMonoStaysAMonoAndAFluxOrAnyOtherPublisherBecomesAFlux() {
        CircuitBreakerOperator<String> op = CircuitBreakerOperator.of(cb);
        assertThat(op.apply(Mono.just("a"))).isInstanceOf(Mono.class);
        assertThat(op.apply(Flux.just("a"))).isInstanceOf(Flux.class);
        Publisher<String> plain = subscriber -> Flux.just("a", "b").subscribe(subscriber);
        Publisher<String> guarded = op.apply(plain);
        assertThat(guarded).isInstanceOf(Flux.class);
        StepVerifier.create(guarded).expectNext("a", "b").expectComplete().verify(WAIT);
        assertThat(cb.stats().successfulCalls()).isEqualTo(1);
    }

    @Test
    void transformDeferredAndTransformBothGuardEverySubscription() {
        Mono<String> deferred = Mono.just("a").transformDeferred(CircuitBreakerOperator.of(cb));
        Flux<String> transformed = Flux.just("a").transform(CircuitBreakerOperator.of(cb));
        StepVerifier.create(deferred).expectNext("a").expectComplete().verify(WAIT);
        StepVerifier.create(deferred).expectNext("a").expectComplete().verify(WAIT);
        StepVerifier.create(transformed).expectNext("a").expectComplete().verify(WAIT);
        assertThat(cb.stats().successfulCalls()).isEqualTo(3);
    }

    @Test
    void anEmptyMonoIsASuccessAtItsCompletion() {
        StepVerifier.create(Mono.<String>empty().transform(CircuitBreakerOperator.of(cb))).expectComplete().verify(WAIT);
        assertThat(cb.stats().successfulCalls()).isEqualTo(1);
    }

    @Test
    void theSourcesOwnErrorReachesTheSubscriberUnchangedAndIsClassified() {
        IllegalArgumentException ignored = new IllegalArgumentException("bad request");
        StepVerifier.create(Mono.error(ignored).transform(CircuitBreakerOperator.of(cb)))
                .expectErrorMatches(e -> e == ignored).verify(WAIT);
        assertThat(cb.stats().ignoredCalls()).isEqualTo(1);
        assertThat(cb.stats().failedCalls()).isZero();
    }

    @Test
    void cancellingAfterAMonosValueChangesNothing() {
        TestPublisher<String> source = TestPublisher.create();
        StepVerifier.create(source.mono().transform(CircuitBreakerOperator.of(cb)))
                .then(() -> source.next("paid"))
                .expectNext("paid")
                .thenCancel()
                .verify(WAIT);
        assertThat(cb.stats().successfulCalls()).isEqualTo(1);
        assertThat(cb.stats().ignoredCalls()).isZero();
        source.assertCancelled();
    }

    @Test
    void aDownstreamTakeThatCancelsAFluxBeforeItCompletesCountsTheCallAsIgnored() {
        StepVerifier.create(Flux.range(1, 10).transform(CircuitBreakerOperator.of(cb)).take(2))
                .expectNext(1, 2).expectComplete().verify(WAIT);
        assertThat(cb.stats().ignoredCalls()).isEqualTo(1);
        assertThat(cb.stats().totalCalls()).isEqualTo(1);
    }

    @Test
    void aTimeoutDuringAFluxFailsItAfterTheValuesItEmittedAndCancelsTheSource() {
        CircuitBreaker timed = timed(Duration.ofSeconds(1));
        TestPublisher<Integer> source = TestPublisher.create();
        StepVerifier.withVirtualTime(() -> source.flux().transform(CircuitBreakerOperator.of(timed)))
                .expectSubscription()
                .then(() -> source.next(1, 2))
                .expectNext(1, 2)
                .thenAwait(Duration.ofSeconds(1))
                .expectError(TimeoutException.class)
                .verify(WAIT);
        source.assertCancelled();
        assertThat(timed.stats().failedCalls()).isEqualTo(1);
    }

    @Test
    void aCallThatCompletesInTimeIsNotFailedLaterByItsTimer() {
        CircuitBreaker timed = timed(Duration.ofSeconds(1));
        VirtualTimeScheduler clock = VirtualTimeScheduler.create();
        StepVerifier.create(Mono.just("a").transform(CircuitBreakerOperator.of(timed, clock)))
                .expectNext("a").expectComplete().verify(WAIT);
        clock.advanceTimeBy(Duration.ofSeconds(5));
        assertThat(timed.stats().successfulCalls()).isEqualTo(1);
        assertThat(timed.stats().totalCalls()).isEqualTo(1);
    }

    @Test
    void theTimeoutRunsOnTheSchedulerGiven() {
        CircuitBreaker timed = timed(Duration.ofMillis(300));
        VirtualTimeScheduler clock = VirtualTimeScheduler.create();
        AtomicReference<Throwable> error = new AtomicReference<>();
        Mono.never().transform(CircuitBreakerOperator.of(timed, clock)).subscribe(v -> { }, error::set);
        clock.advanceTimeBy(Duration.ofMillis(299));
        assertThat(error).hasValue(null);
        clock.advanceTimeBy(Duration.ofMillis(1));
        assertThat(error.get()).isInstanceOf(TimeoutException.class);
    }

    @Test
    void aDisposedTimeoutSchedulerFailsTheCallAndReleasesItsPermit() {
        CircuitBreaker timed = timed(Duration.ofSeconds(1));
        Scheduler disposed = Schedulers.newSingle("disposed");
        disposed.dispose();
        StepVerifier.create(Mono.never().transform(CircuitBreakerOperator.of(timed, disposed)))
                .expectError(RejectedExecutionException.class).verify(WAIT);
        assertThat(timed.stats().failedCalls()).isEqualTo(1);
        assertThat(timed.stats().concurrentCalls()).isZero();
    }

    @Test
    void theSubscribersContextReachesTheSource() {
        Mono<String> source = Mono.deferContextual(context -> Mono.just(context.get("tenant")));
        StepVerifier.create(source.transform(CircuitBreakerOperator.of(cb)).contextWrite(Context.of("tenant", "acme")))
                .expectNext("acme").expectComplete().verify(WAIT);
    }

    @Test
    void thePublisherAndTheSubscriptionAreScannable() {
        Mono<String> source = Mono.never();
        Mono<String> guarded = source.transform(CircuitBreakerOperator.of(cb));
        Scannable publisher = Scannable.from(guarded);
        assertThat(publisher.stepName()).isEqualTo("circuitBreaker(payments)");
        assertThat(publisher.scan(Scannable.Attr.PARENT)).isSameAs(source);
        assertThat(publisher.scan(Scannable.Attr.RUN_STYLE)).isEqualTo(Scannable.Attr.RunStyle.SYNC);

        AtomicReference<Subscription> subscription = new AtomicReference<>();
        guarded.subscribe(capturing(subscription));
        Scannable guardedSubscription = Scannable.from(subscription.get());
        assertThat(guardedSubscription.stepName()).isEqualTo("circuitBreaker(payments)");
        assertThat(guardedSubscription.scan(Scannable.Attr.ACTUAL)).isNotNull();
        assertThat(guardedSubscription.scan(Scannable.Attr.PARENT)).isNotNull();
        assertThat(guardedSubscription.scan(Scannable.Attr.CANCELLED)).isFalse();
        subscription.get().cancel();
        assertThat(guardedSubscription.scan(Scannable.Attr.CANCELLED)).isTrue();
        assertThat(guardedSubscription.scan(Scannable.Attr.TERMINATED)).isFalse();
    }

    @Test
    void aValueArrivingAfterTheTimeoutIsDiscardedNotDelivered() {
        CircuitBreaker timed = timed(Duration.ofSeconds(1));
        VirtualTimeScheduler clock = VirtualTimeScheduler.create();
        TestPublisher<String> source = TestPublisher.createNoncompliant(TestPublisher.Violation.CLEANUP_ON_TERMINATE);
        List<Object> discarded = new CopyOnWriteArrayList<>();
        StepVerifier.create(source.mono().transform(CircuitBreakerOperator.of(timed, clock))
                        .doOnDiscard(Object.class, discarded::add))
                .expectSubscription()
                .then(() -> clock.advanceTimeBy(Duration.ofSeconds(1)))
                .expectError(TimeoutException.class)
                .verify(WAIT);
        source.next("late");
        assertThat(discarded).containsExactly("late");
        assertThat(timed.stats().totalCalls()).isEqualTo(1);
    }

    @Test
    void anErrorAfterTheTimeoutIsDroppedNotDelivered() {
        CircuitBreaker timed = timed(Duration.ofSeconds(1));
        VirtualTimeScheduler clock = VirtualTimeScheduler.create();
        TestPublisher<String> source = TestPublisher.createNoncompliant(TestPublisher.Violation.CLEANUP_ON_TERMINATE);
        List<Throwable> dropped = new CopyOnWriteArrayList<>();
        Hooks.onErrorDropped(dropped::add);
        try {
            StepVerifier.create(source.mono().transform(CircuitBreakerOperator.of(timed, clock)))
                    .expectSubscription()
                    .then(() -> clock.advanceTimeBy(Duration.ofSeconds(1)))
                    .expectError(TimeoutException.class)
                    .verify(WAIT);
            IOException late = new IOException("late");
            source.error(late);
            assertThat(dropped).containsExactly(late);
            assertThat(timed.stats().failedCalls()).isEqualTo(1);
        } finally {
            Hooks.resetOnErrorDropped();
        }
    }

    @Test
    void aSourceThatThrowsInSubscribeFailsTheCallAndSignalsTheError() {
        IllegalStateException broken = new IllegalStateException("broken source");
        Flux<String> source = new Flux<>() {
            @Override
            public void subscribe(CoreSubscriber<? super String> actual) {
                throw broken;
            }
        };
        StepVerifier.create(source.transform(CircuitBreakerOperator.of(cb))).expectErrorMatches(e -> e == broken).verify(WAIT);
        assertThat(cb.stats().failedCalls()).isEqualTo(1);
    }

    private static CircuitBreaker timed(Duration timeout) {
        return CircuitBreaker.of("timed", CircuitBreakerConfig.builder().callTimeout(timeout).build());
    }

    private static CoreSubscriber<Object> capturing(AtomicReference<Subscription> subscription) {
        return new CoreSubscriber<>() {
            @Override
            public void onSubscribe(Subscription s) {
                subscription.set(s);
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(Object o) {
            }

            @Override
            public void onError(Throwable t) {
            }

            @Override
            public void onComplete() {
            }
        };
    }
}
