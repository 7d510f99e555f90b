package dev.circuitbreaker.spring.reactive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.circuitbreaker.CircuitBreakerOpenException;
import dev.circuitbreaker.CircuitBreakerRegistry;
import dev.circuitbreaker.spring.StarterContext;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Single;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ContextConsumer;
import reactor.adapter.JdkFlowAdapter;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.publisher.PublisherProbe;

/**
 * Reactive types other than {@code Mono} and {@code Flux} that Spring's {@code ReactiveAdapterRegistry} knows go the
 * same way: adapted to a publisher, guarded per subscription, and adapted back to the method's own type.
 */
class ReactiveAdapterTypesTests {

    static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void anRxJavaFlowableIsGuardedPerSubscriptionAndStaysAFlowable() {
        run(context -> {
            ReactiveBank bank = context.getBean(ReactiveBank.class);
            bank.next(() -> Flux.concat(Flux.just("a"), Flux.error(new IOException("down"))));
            Flowable<String> statement = bank.rxStatement();
            assertThat(breaker(context, "rxFlowable").stats().totalCalls()).isZero();
            statement.test().awaitDone(5, java.util.concurrent.TimeUnit.SECONDS).assertValues("a").assertError(IOException.class);
            statement.test().awaitDone(5, java.util.concurrent.TimeUnit.SECONDS).assertError(IOException.class);
            assertThat(breaker(context, "rxFlowable").stats().failedCalls()).isEqualTo(2);

            PublisherProbe<String> source = PublisherProbe.of(Flux.just("a"));
            bank.next(source::flux);
            breaker(context, "rxFlowable").forceOpen();
            bank.rxStatement().test().assertError(CircuitBreakerOpenException.class);
            source.assertWasNotSubscribed();
        });
    }

    @Test
    void anRxJavaSingleFallsBackToItsFallbacksSingle() {
        run(context -> {
            ReactiveBank bank = context.getBean(ReactiveBank.class);
            bank.next(() -> Mono.error(new IOException("down")));
            Single<String> charge = bank.rxCharge("t-1");
            assertThat(bank.fallbacks()).isEmpty();
            charge.test().awaitDone(5, java.util.concurrent.TimeUnit.SECONDS).assertValue("rx-deferred t-1");
            assertThat(breaker(context, "rxSingle").stats().failedCalls()).isEqualTo(1);
            bank.next(() -> Mono.just("paid"));
            bank.rxCharge("t-2").test().awaitDone(5, java.util.concurrent.TimeUnit.SECONDS).assertValue("paid");
            assertThat(breaker(context, "rxSingle").stats().successfulCalls()).isEqualTo(1);
        });
    }

    @Test
    void anRxJavaCompletableSucceedsWhenItCompletes() {
        run(context -> {
            ReactiveBank bank = context.getBean(ReactiveBank.class);
            bank.next(Mono::empty);
            Completable refund = bank.rxRefund();
            refund.test().awaitDone(5, java.util.concurrent.TimeUnit.SECONDS).assertComplete();
            bank.next(() -> Mono.error(new IOException("down")));
            bank.rxRefund().test().awaitDone(5, java.util.concurrent.TimeUnit.SECONDS).assertError(IOException.class);
            assertThat(breaker(context, "rxCompletable").stats().successfulCalls()).isEqualTo(1);
            assertThat(breaker(context, "rxCompletable").stats().failedCalls()).isEqualTo(1);
        });
    }

    @Test
    void aJdkFlowPublisherIsGuardedPerSubscriptionAndStaysAFlowPublisher() {
        run(context -> {
            ReactiveBank bank = context.getBean(ReactiveBank.class);
            bank.next(() -> Flux.just("a", "b"));
            Flow.Publisher<String> statement = bank.jdkStatement();
            StepVerifier.create(JdkFlowAdapter.flowPublisherToFlux(statement)).expectNext("a", "b").expectComplete().verify(WAIT);
            StepVerifier.create(JdkFlowAdapter.flowPublisherToFlux(statement)).expectNext("a", "b").expectComplete().verify(WAIT);
            assertThat(breaker(context, "jdkFlow").stats().successfulCalls()).isEqualTo(2);

            breaker(context, "jdkFlow").forceOpen();
            StepVerifier.create(JdkFlowAdapter.flowPublisherToFlux(statement))
                    .expectError(CircuitBreakerOpenException.class).verify(WAIT);
            assertThat(breaker(context, "jdkFlow").stats().notPermittedCalls()).isEqualTo(1);
        });
    }

    @Test
    void aFluxFallbackContinuesAfterWhatTheFailedFluxEmitted() {
        run(context -> {
            ReactiveBank bank = context.getBean(ReactiveBank.class);
            bank.next(() -> Flux.concat(Flux.just("live-1"), Flux.error(new IOException("down"))));
            StepVerifier.create(bank.statementWithFallback()).expectNext("live-1", "cached-1", "cached-2")
                    .expectComplete().verify(WAIT);
            assertThat(breaker(context, "fluxWithFallback").stats().failedCalls()).isEqualTo(1);
            assertThat(bank.fallbackSubscriptions()).isEqualTo(1);
        });
    }

    @Test
    void aFallbackWhosePublisherFailsPassesItsErrorOnWithTheOriginalSuppressed() {
        run(context -> {
            ReactiveBank bank = context.getBean(ReactiveBank.class);
            IllegalStateException original = new IllegalStateException("not an IOException: the fallback does not apply");
            bank.next(() -> Flux.error(original));
            StepVerifier.create(bank.statementWithFallback()).expectErrorMatches(e -> e == original).verify(WAIT);
            assertThat(bank.fallbacks()).as("the fallback takes IOException only").isEmpty();
        });
    }

    private static void run(ContextConsumer<AssertableApplicationContext> test) {
        StarterContext.runner().withUserConfiguration(ReactiveMethodRulesTests.Beans.class).run(context -> {
            assertThat(context).hasNotFailed();
            test.accept(context);
        });
    }

    private static dev.circuitbreaker.CircuitBreaker breaker(AssertableApplicationContext context, String name) {
        return context.getBean(CircuitBreakerRegistry.class).find(name).orElseThrow();
    }
}
