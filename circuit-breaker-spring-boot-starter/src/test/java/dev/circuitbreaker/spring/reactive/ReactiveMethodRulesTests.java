package dev.circuitbreaker.spring.reactive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.circuitbreaker.CircuitBreakerOpenException;
import dev.circuitbreaker.CircuitBreakerRegistry;
import dev.circuitbreaker.spring.CircuitBreaker;
import dev.circuitbreaker.spring.StarterContext;
import dev.circuitbreaker.test.ManualTicker;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.aopalliance.intercept.MethodInterceptor;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotatedElementUtils;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.publisher.PublisherProbe;
import reactor.test.publisher.TestPublisher;

/**
 * The subscription rules of SPEC section 2 ("Reactive methods") for {@code @CircuitBreaker} methods returning
 * {@code Mono} and {@code Flux}, each checked on the starter's proxy and, to prove the check can fail, on a proxy
 * whose advice runs the breaker around the method call only: a sync-only advice, which is how the starter treated
 * reactive methods before it guarded them per subscription.
 */
class ReactiveMethodRulesTests {

    static final Duration WAIT = Duration.ofSeconds(5);

    @Configuration(proxyBeanMethods = false)
    static class Beans {

        @Bean
        ReactiveBank reactiveBank() {
            return new ReactiveBank();
        }

        @Bean
        ManualTicker ticker() {
            return new ManualTicker();
        }
    }

    /** The bank as a test sees it, with the context's registry and ticker. */
    record Subject(ReactiveBank bank, CircuitBreakerRegistry registry, ManualTicker ticker) {

        dev.circuitbreaker.CircuitBreaker breaker(String name) {
            return registry.find(name).orElseThrow();
        }
    }

    enum Rule {
        A_MONO_BUILT_WHILE_CLOSED_AND_SUBSCRIBED_WHILE_OPEN_IS_REJECTED(s -> {
            PublisherProbe<String> source = PublisherProbe.of(Mono.just("paid"));
            s.bank().next(source::mono);
            Mono<String> built = s.bank().charge("t-1");
            s.breaker("mono").transitionToOpen();
            StepVerifier.create(built).expectError(CircuitBreakerOpenException.class).verify(WAIT);
            source.assertWasNotSubscribed();
            assertThat(s.breaker("mono").stats().notPermittedCalls()).isEqualTo(1);
            assertThat(s.breaker("mono").stats().successfulCalls()).isZero();
        }),

        AN_OPEN_BREAKER_SIGNALS_THE_REJECTION_WITHOUT_SUBSCRIBING_TO_THE_SOURCE(s -> {
            PublisherProbe<String> source = PublisherProbe.of(Flux.just("a"));
            s.bank().next(source::flux);
            s.breaker("flux").forceOpen();
            StepVerifier.create(s.bank().statement()).expectError(CircuitBreakerOpenException.class).verify(WAIT);
            source.assertWasNotSubscribed();
        }),

        A_FLUX_THAT_EMITS_AND_THEN_FAILS_IS_A_FAILURE(s -> {
            IOException down = new IOException("down");
            s.bank().next(() -> Flux.concat(Flux.just("a", "b"), Flux.error(down)));
            StepVerifier.create(s.bank().statement()).expectNext("a", "b").expectErrorMatches(e -> e == down).verify(WAIT);
            assertThat(s.breaker("flux").stats().failedCalls()).isEqualTo(1);
            assertThat(s.breaker("flux").stats().successfulCalls()).isZero();
        }),

        THE_OUTCOME_IS_RECORDED_AT_THE_TERMINAL_SIGNAL(s -> {
            TestPublisher<String> source = TestPublisher.create();
            s.bank().next(source::flux);
            StepVerifier.create(s.bank().statement())
                    .then(() -> source.next("a"))
                    .expectNext("a")
                    .then(() -> assertThat(s.breaker("flux").stats().totalCalls()).isZero())
                    .then(source::complete)
                    .expectComplete()
                    .verify(WAIT);
            assertThat(s.breaker("flux").stats().successfulCalls()).isEqualTo(1);
        }),

        A_MONOS_FIRST_VALUE_IS_ITS_SUCCESS_TIMED_FROM_SUBSCRIBE(s -> {
            TestPublisher<String> source = TestPublisher.create();
            s.bank().next(source::mono);
            Mono<String> charge = s.bank().charge("t-1");
            s.ticker().advance(Duration.ofMillis(500));                       // between assembly and subscription
            AtomicLong successesWithTheValue = new AtomicLong(-1);
            StepVerifier.create(charge)
                    .then(() -> s.ticker().advance(Duration.ofMillis(40)))
                    .then(() -> source.next("paid"))
                    .consumeNextWith(v -> successesWithTheValue.set(s.breaker("mono").stats().successfulCalls()))
                    .then(source::complete)
                    .expectComplete()
                    .verify(WAIT);
            assertThat(successesWithTheValue).hasValue(1);
            assertThat(s.breaker("mono").history()).singleElement()
                    .satisfies(call -> assertThat(call.responseTimeMs()).isEqualTo(40.0));
        }),

        A_CANCELLATION_BEFORE_THE_OUTCOME_FREES_THE_PERMIT_AND_COUNTS_AS_IGNORED(s -> {
            s.breaker("mono").transitionToHalfOpen();                         // one trial permit (see the properties)
            s.bank().next(Mono::never);
            StepVerifier.create(s.bank().charge("t-1")).expectSubscription().thenCancel().verify(WAIT);
            assertThat(s.breaker("mono").stats().ignoredCalls()).isEqualTo(1);
            s.bank().next(() -> Mono.just("paid"));
            StepVerifier.create(s.bank().charge("t-2")).expectNext("paid").expectComplete().verify(WAIT);
            assertThat(s.breaker("mono").stats().notPermittedCalls()).isZero();
        }),

        A_SUBSCRIPTION_WITHOUT_OUTCOME_WITHIN_THE_CALL_TIMEOUT_FAILS_AND_IS_CANCELLED(s -> {
            PublisherProbe<String> source = PublisherProbe.of(Flux.never());
            s.bank().next(source::flux);
            StepVerifier.withVirtualTime(() -> s.bank().statement())
                    .expectSubscription()
                    .thenAwait(Duration.ofSeconds(2))
                    .expectError(TimeoutException.class)
                    .verify(Duration.ofSeconds(2));
            source.assertWasCancelled();
            assertThat(s.breaker("flux").stats().failedCalls()).isEqualTo(1);
        }),

        THE_FALLBACK_RUNS_AT_SUBSCRIPTION_ONLY_ON_A_RECORDED_FAILURE_OR_A_REJECTION(s -> {
            s.bank().next(() -> Mono.error(new IOException("down")));
            Mono<String> notSubscribed = s.bank().chargeWithFallback("t-0");
            assertThat(s.bank().fallbacks()).as("nothing runs before subscription").isEmpty();
            assertThat(notSubscribed).isNotNull();
            StepVerifier.create(s.bank().chargeWithFallback("t-1")).expectNext("deferred t-1: IOException")
                    .expectComplete().verify(WAIT);
            s.bank().next(() -> Mono.just("paid"));
            StepVerifier.create(s.bank().chargeWithFallback("t-2")).expectNext("paid").expectComplete().verify(WAIT);
            s.breaker("withFallback").forceOpen();
            StepVerifier.create(s.bank().chargeWithFallback("t-3")).expectNext("deferred t-3: CircuitBreakerOpenException")
                    .expectComplete().verify(WAIT);
            assertThat(s.bank().fallbacks()).hasSize(2);
            assertThat(s.bank().fallbackSubscriptions()).isEqualTo(2);
        }),

        EACH_SUBSCRIPTION_IS_ONE_CALL(s -> {
            s.bank().next(() -> Mono.error(new IOException("down")));
            StepVerifier.create(s.bank().charge("t-1").retry(2)).expectError(IOException.class).verify(WAIT);
            assertThat(s.bank().calls()).as("the method ran once").isEqualTo(1);
            assertThat(s.breaker("mono").stats().failedCalls()).as("three subscriptions").isEqualTo(3);
        }),

        A_METHOD_THAT_THROWS_INSTEAD_OF_RETURNING_A_PUBLISHER_FAILS_AT_SUBSCRIPTION(s -> {
            Mono<String> returned = s.bank().throwsAtAssembly("t-1");
            assertThat(s.breaker("throwsAtAssembly").stats().totalCalls()).isZero();
            StepVerifier.create(returned).expectNext("deferred t-1: UncheckedIOException").expectComplete().verify(WAIT);
            assertThat(s.breaker("throwsAtAssembly").stats().failedCalls()).isEqualTo(1);
        });

        final Consumer<Subject> check;

        Rule(Consumer<Subject> check) {
            this.check = check;
        }
    }

    private final ApplicationContextRunner runner = StarterContext.runner().withUserConfiguration(Beans.class)
            .withPropertyValues("circuitbreaker.instances.mono.success-threshold=3",
                    "circuitbreaker.instances.mono.permitted-calls-in-half-open-state=1",
                    "circuitbreaker.instances.mono.failure-threshold=5",
                    "circuitbreaker.instances.flux.call-timeout=2s");

    @ParameterizedTest
    @EnumSource(Rule.class)
    void eachRuleHoldsForAnnotatedMethods(Rule rule) {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            rule.check.accept(new Subject(context.getBean(ReactiveBank.class), context.getBean(CircuitBreakerRegistry.class),
                    context.getBean(ManualTicker.class)));
        });
    }

    @ParameterizedTest
    @EnumSource(Rule.class)
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void eachRuleFailsForASyncOnlyAdvice(Rule rule) {
        runner.run(context -> {
            CircuitBreakerRegistry registry = context.getBean(CircuitBreakerRegistry.class);
            Subject syncOnly = new Subject(syncOnlyProxy(registry), registry, context.getBean(ManualTicker.class));
            assertThatThrownBy(() -> rule.check.accept(syncOnly)).isNotNull();
        });
    }

    /** The bank behind an advice that runs the method through the breaker as a plain call: a permit per call. */
    private static ReactiveBank syncOnlyProxy(CircuitBreakerRegistry registry) {
        ProxyFactory factory = new ProxyFactory(new ReactiveBank());
        factory.setProxyTargetClass(true);
        factory.addAdvice((MethodInterceptor) invocation -> {
            CircuitBreaker annotation = AnnotatedElementUtils.findMergedAnnotation(invocation.getMethod(), CircuitBreaker.class);
            return annotation == null ? invocation.proceed()
                    : registry.circuitBreaker(annotation.name()).execute(invocation::proceed);
        });
        return (ReactiveBank) factory.getProxy();
    }
}
