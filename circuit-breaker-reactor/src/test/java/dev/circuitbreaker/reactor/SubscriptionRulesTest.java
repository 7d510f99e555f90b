package dev.circuitbreaker.reactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.circuitbreaker.BulkheadFullException;
import dev.circuitbreaker.CircuitBreaker;
import dev.circuitbreaker.CircuitBreakerConfig;
import dev.circuitbreaker.CircuitBreakerConfigBuilder;
import dev.circuitbreaker.CircuitBreakerOpenException;
import dev.circuitbreaker.CircuitState;
import dev.circuitbreaker.test.ManualTicker;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.publisher.PublisherProbe;
import reactor.test.publisher.TestPublisher;

/**
 * The subscription rules (SPEC section 2, "Reactive methods"), each checked through {@link CircuitBreakerOperator}
 * and, to prove the check can fail, through a sync-only guard: one that runs the breaker around the assembly of the
 * publisher, which is what treating a {@code Mono}-returning method as a plain method amounts to.
 */
class SubscriptionRulesTest {

    /** A way of guarding a publisher with a breaker. */
    interface Guard {
        <T> UnaryOperator<Publisher<T>> with(CircuitBreaker breaker);
    }

    static final Guard OPERATOR = new Guard() {
        @Override
        public <T> UnaryOperator<Publisher<T>> with(CircuitBreaker breaker) {
            return CircuitBreakerOperator.of(breaker);
        }
    };

    /** The breaker around building the publisher: a permit and an outcome per assembly, none per subscription. */
    static final Guard SYNC_ONLY = new Guard() {
        @Override
        public <T> UnaryOperator<Publisher<T>> with(CircuitBreaker breaker) {
            return publisher -> breaker.get(() -> publisher);
        }
    };

    enum Rule {
        PERMIT_IS_TAKEN_AT_SUBSCRIBE_NOT_AT_ASSEMBLY(guard -> {
            CircuitBreaker cb = breaker(CircuitBreakerConfig.builder());
            PublisherProbe<String> source = PublisherProbe.of(Mono.just("paid"));
            Mono<String> built = source.mono().transform(guard.with(cb));      // built while CLOSED
            cb.transitionToOpen();
            StepVerifier.create(built).expectError(CircuitBreakerOpenException.class).verify(Duration.ofSeconds(5));
            source.assertWasNotSubscribed();
            assertThat(cb.stats().notPermittedCalls()).isEqualTo(1);
            assertThat(cb.stats().successfulCalls() + cb.stats().failedCalls()).isZero();
        }),

        AN_OPEN_BREAKER_SIGNALS_THE_REJECTION_WITHOUT_SUBSCRIBING_TO_THE_SOURCE(guard -> {
            CircuitBreaker cb = breaker(CircuitBreakerConfig.builder());
            cb.forceOpen();
            PublisherProbe<String> source = PublisherProbe.of(Flux.just("a", "b"));
            StepVerifier.create(source.flux().transform(guard.with(cb)))
                    .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(CircuitBreakerOpenException.class,
                            open -> assertThat(open.state()).isEqualTo(CircuitState.FORCED_OPEN)))
                    .verify(Duration.ofSeconds(5));
            source.assertWasNotSubscribed();
            assertThat(cb.stats().notPermittedCalls()).isEqualTo(1);
        }),

        A_FLUX_THAT_EMITS_AND_THEN_FAILS_IS_A_FAILURE(guard -> {
            CircuitBreaker cb = breaker(CircuitBreakerConfig.builder().failureThreshold(1));
            IOException down = new IOException("down");
            Flux<Integer> source = Flux.concat(Flux.just(1, 2), Flux.error(down));
            StepVerifier.create(source.transform(guard.with(cb))).expectNext(1, 2).expectErrorMatches(e -> e == down)
                    .verify(Duration.ofSeconds(5));
            assertThat(cb.stats().failedCalls()).isEqualTo(1);
            assertThat(cb.stats().successfulCalls()).isZero();
            assertThat(cb.state()).isEqualTo(CircuitState.OPEN);
        }),

        THE_OUTCOME_IS_RECORDED_AT_THE_TERMINAL_SIGNAL_BEFORE_IT_GOES_DOWNSTREAM(guard -> {
            CircuitBreaker cb = breaker(CircuitBreakerConfig.builder());
            TestPublisher<String> source = TestPublisher.create();
            StepVerifier.create(source.flux().transform(guard.with(cb)))
                    .then(() -> source.next("a", "b"))
                    .expectNext("a", "b")
                    .then(() -> assertThat(cb.stats().totalCalls()).isZero())
                    .then(source::complete)
                    .expectComplete()
                    .verify(Duration.ofSeconds(5));
            assertThat(cb.stats().successfulCalls()).isEqualTo(1);
            assertThat(cb.stats().totalCalls()).isEqualTo(1);
        }),

        A_MONOS_FIRST_VALUE_IS_ITS_SUCCESS_TIMED_FROM_SUBSCRIBE(guard -> {
            ManualTicker ticker = new ManualTicker();
            CircuitBreaker cb = CircuitBreaker.builder("rule").ticker(ticker).config(CircuitBreakerConfig.builder().build()).build();
            TestPublisher<String> source = TestPublisher.create();
            AtomicLong successesSeenWithTheValue = new AtomicLong(-1);
            StepVerifier.create(source.mono().transform(guard.with(cb)))
                    .then(() -> ticker.advance(Duration.ofMillis(40)))
                    .then(() -> source.next("paid"))                           // a value, no completion yet
                    .consumeNextWith(value -> successesSeenWithTheValue.set(cb.stats().successfulCalls()))
                    .then(source::complete)
                    .expectComplete()
                    .verify(Duration.ofSeconds(5));
            assertThat(successesSeenWithTheValue).hasValue(1);                  // recorded before the value arrived
            assertThat(cb.history()).singleElement().satisfies(call -> assertThat(call.responseTimeMs()).isEqualTo(40.0));
            assertThat(cb.stats().totalCalls()).isEqualTo(1);
        }),

        A_CANCELLATION_BEFORE_THE_OUTCOME_FREES_THE_PERMIT_AND_COUNTS_AS_IGNORED(guard -> {
            CircuitBreaker cb = breaker(CircuitBreakerConfig.builder().successThreshold(3).permittedCallsInHalfOpenState(1));
            cb.transitionToHalfOpen();
            Mono<String> guarded = Mono.<String>never().transform(guard.with(cb));
            StepVerifier.create(guarded).expectSubscription().thenCancel().verify(Duration.ofSeconds(5));
            assertThat(cb.stats().ignoredCalls()).isEqualTo(1);
            assertThat(cb.stats().successfulCalls()).isZero();
            // The only trial permit is free again: the next subscription is admitted.
            StepVerifier.create(Mono.just("x").transform(guard.with(cb))).expectNext("x").expectComplete()
                    .verify(Duration.ofSeconds(5));
            assertThat(cb.stats().notPermittedCalls()).isZero();
        }),

        A_SUBSCRIPTION_WITHOUT_OUTCOME_WITHIN_THE_CALL_TIMEOUT_FAILS_AND_IS_CANCELLED(guard -> {
            CircuitBreaker cb = breaker(CircuitBreakerConfig.builder().callTimeout(Duration.ofSeconds(2)));
            PublisherProbe<String> source = PublisherProbe.of(Mono.never());
            StepVerifier.withVirtualTime(() -> source.mono().transform(guard.with(cb)))
                    .expectSubscription()
                    .thenAwait(Duration.ofMillis(1999))
                    .then(() -> assertThat(cb.stats().totalCalls()).isZero())
                    .thenAwait(Duration.ofMillis(1))
                    .expectErrorSatisfies(e -> {
                        assertThat(e).isInstanceOf(TimeoutException.class).hasMessageContaining("'rule'");
                        assertThat(cb.stats().failedCalls()).isEqualTo(1);            // recorded before the error arrives
                    })
                    .verify(Duration.ofSeconds(5));
            source.assertWasCancelled();
        }),

        A_SUBSCRIPTION_HOLDS_ITS_BULKHEAD_PLACE_UNTIL_ITS_OUTCOME(guard -> {
            CircuitBreaker cb = breaker(CircuitBreakerConfig.builder().maxConcurrentCalls(1));
            TestPublisher<String> first = TestPublisher.create();
            PublisherProbe<String> second = PublisherProbe.of(Mono.just("second"));
            StepVerifier running = StepVerifier.create(first.mono().transform(guard.with(cb)))
                    .expectNext("first").expectComplete().verifyLater();            // subscribed now
            StepVerifier.create(second.mono().transform(guard.with(cb)))
                    .expectError(BulkheadFullException.class).verify(Duration.ofSeconds(5));
            second.assertWasNotSubscribed();
            assertThat(cb.stats().concurrentCalls()).isEqualTo(1);
            first.emit("first");
            running.verify(Duration.ofSeconds(5));
            assertThat(cb.stats().concurrentCalls()).isZero();
            assertThat(cb.stats().bulkheadFullCalls()).isEqualTo(1);
        }),

        EACH_SUBSCRIPTION_IS_ONE_CALL(guard -> {
            CircuitBreaker cb = breaker(CircuitBreakerConfig.builder().failureThreshold(5));
            IOException down = new IOException("down");
            Mono<String> guarded = Mono.<String>error(down).transform(guard.with(cb));
            StepVerifier.create(guarded.retry(2)).expectErrorMatches(e -> e == down).verify(Duration.ofSeconds(5));
            assertThat(cb.stats().failedCalls()).isEqualTo(3);
        });

        final Consumer<Guard> check;

        Rule(Consumer<Guard> check) {
            this.check = check;
        }
    }

    @ParameterizedTest
    @EnumSource(Rule.class)
    void eachRuleHoldsThroughTheOperator(Rule rule) {
        rule.check.accept(OPERATOR);
    }

    @ParameterizedTest
    @EnumSource(Rule.class)
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void eachRuleFailsForASyncOnlyGuard(Rule rule) {
        assertThatThrownBy(() -> rule.check.accept(SYNC_ONLY)).isNotNull();
    }

    static CircuitBreaker breaker(CircuitBreakerConfigBuilder config) {
        return CircuitBreaker.of("rule", config.build());
    }
}
