package dev.circuitbreaker.spring.aop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.circuitbreaker.CircuitBreakerOpenException;
import dev.circuitbreaker.CircuitBreakerRegistry;
import dev.circuitbreaker.CircuitBreakerStats;
import dev.circuitbreaker.spring.CircuitBreaker;
import dev.circuitbreaker.spring.StarterContext;
import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.aop.support.AopUtils;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class CircuitBreakerAdviceTests {

    private final ApplicationContextRunner runner = runner();

    /** The starter with this class's beans; shared with {@link AnnotatedMethodResolutionTests}. */
    static ApplicationContextRunner runner() {
        return StarterContext.runner()
                .withUserConfiguration(Beans.class)
                .withPropertyValues("circuitbreaker.defaults.failure-threshold=4",
                        "circuitbreaker.instances.payments.ignore-exceptions=java.lang.IllegalArgumentException");
    }

    @Test
    void aRecordedFailureRunsTheFallbackWithTheMostSpecificExceptionType() {
        runner.run(context -> {
            Payments payments = context.getBean(Payments.class);
            downstream(context).next = () -> {
                throw new IOException("down");
            };
            assertThat(payments.charge("t1")).isEqualTo("io-fallback:t1:down");
            downstream(context).next = () -> {
                throw new TimeoutException("slow");
            };
            assertThat(payments.charge("t2")).isEqualTo("fallback:t2:TimeoutException");
            assertThat(stats(context, "payments").failedCalls()).isEqualTo(2);
        });
    }

    @Test
    void aSuccessfulCallReturnsItsOwnResultAndIsCounted() {
        runner.run(context -> {
            Payments payments = context.getBean(Payments.class);
            assertThat(payments.charge("t1")).isEqualTo("charged:t1");
            assertThat(stats(context, "payments").successfulCalls()).isEqualTo(1);
            assertThat(stats(context, "payments").totalCalls()).isEqualTo(1);
        });
    }

    @Test
    void anIgnoredExceptionReachesTheCallerUnchangedWithoutFallback() {
        runner.run(context -> {
            Payments payments = context.getBean(Payments.class);
            IllegalArgumentException thrown = new IllegalArgumentException("bad txn");
            downstream(context).next = () -> {
                throw thrown;
            };
            assertThat(catchThrowable(() -> payments.charge("t1"))).isSameAs(thrown);
            assertThat(stats(context, "payments").ignoredCalls()).isEqualTo(1);
        });
    }

    @Test
    void aCheckedExceptionReachesTheCallerUnchangedWhenThereIsNoFallback() {
        runner.run(context -> {
            Payments payments = context.getBean(Payments.class);
            IOException thrown = new IOException("down");
            downstream(context).next = () -> {
                throw thrown;
            };
            assertThat(catchThrowable(() -> payments.refund("t1"))).isSameAs(thrown);
            assertThat(stats(context, "refunds").failedCalls()).isEqualTo(1);
        });
    }

    @Test
    void aRejectedCallRunsTheFallbackWithoutCallingTheMethod() {
        runner.run(context -> {
            Payments payments = context.getBean(Payments.class);
            registry(context).find("payments").orElseThrow().forceOpen();
            assertThat(payments.charge("t1")).isEqualTo("fallback:t1:CircuitBreakerOpenException");
            assertThat(downstream(context).invocations.get()).isZero();
            assertThat(stats(context, "payments").notPermittedCalls()).isEqualTo(1);
        });
    }

    @Test
    void withoutAFallbackARejectedCallThrowsCircuitBreakerOpenException() {
        runner.run(context -> {
            registry(context).find("refunds").orElseThrow().forceOpen();
            assertThatThrownBy(() -> context.getBean(Payments.class).refund("t1"))
                    .isInstanceOf(CircuitBreakerOpenException.class).hasMessageContaining("refunds");
        });
    }

    @Test
    void aFallbackThatThrowsPassesItsExceptionOnWithTheOriginalAsSuppressed() {
        runner.run(context -> {
            Payments payments = context.getBean(Payments.class);
            IOException original = new IOException("down");
            downstream(context).next = () -> {
                throw original;
            };
            Throwable thrown = catchThrowable(() -> payments.capture("t1"));
            assertThat(thrown).isInstanceOf(IllegalStateException.class).hasMessage("no fallback for t1");
            assertThat(thrown.getSuppressed()).containsExactly(original);
        });
    }

    @Test
    void aClassAnnotationGuardsEveryPublicMethodAndAMethodAnnotationWins() {
        runner.run(context -> {
            Inventory inventory = context.getBean(Inventory.class);
            assertThat(AopUtils.isAopProxy(inventory)).isTrue();
            inventory.reserve("sku");
            inventory.release("sku");
            inventory.count();
            inventory.toString();
            inventory.hashCode();
            assertThat(inventory.equals(inventory)).isTrue();
            assertThat(stats(context, "inventory").successfulCalls())
                    .as("only reserve: not the package-private method, nor overridden Object methods").isEqualTo(1);
            assertThat(stats(context, "inventory-release").successfulCalls()).isEqualTo(1);
        });
    }

    @Test
    void breakersNamedOnlyInAnnotationsAreCreatedAtStartupFromTheDefaults() {
        runner.run(context -> {
            CircuitBreakerRegistry registry = registry(context);
            assertThat(registry.all()).extracting(b -> b.name())
                    .containsExactlyInAnyOrder("payments", "refunds", "capture", "async", "inventory", "inventory-release");
            assertThat(registry.find("refunds").orElseThrow().config().failureThreshold()).isEqualTo(4);
            assertThat(registry.find("refunds").orElseThrow().stats().totalCalls()).isZero();
        });
    }

    @Test
    void anAsyncMethodIsRecordedWhenItsStageCompletes() {
        runner.run(context -> {
            Payments payments = context.getBean(Payments.class);
            CompletableFuture<String> pending = new CompletableFuture<>();
            downstream(context).nextStage = pending;
            CompletionStage<String> result = payments.chargeAsync("t1");
            assertThat(stats(context, "async").totalCalls()).isZero();
            pending.complete("done");
            assertThat(result.toCompletableFuture().get(5, TimeUnit.SECONDS)).isEqualTo("done");
            assertThat(stats(context, "async").successfulCalls()).isEqualTo(1);
        });
    }

    @Test
    void anAsyncFailureOrRejectionFallsBackAsynchronously() {
        runner.run(context -> {
            Payments payments = context.getBean(Payments.class);
            downstream(context).nextStage = CompletableFuture.failedFuture(new IOException("down"));
            assertThat(payments.chargeAsync("t1").toCompletableFuture().get(5, TimeUnit.SECONDS)).isEqualTo("async-fallback:t1:IOException");
            registry(context).find("async").orElseThrow().forceOpen();
            assertThat(payments.chargeAsync("t2").toCompletableFuture().get(5, TimeUnit.SECONDS))
                    .isEqualTo("async-fallback:t2:CircuitBreakerOpenException");
            assertThat(stats(context, "async").failedCalls()).isEqualTo(1);
            assertThat(stats(context, "async").notPermittedCalls()).isEqualTo(1);
        });
    }

    @Test
    void anAsyncMethodThatThrowsBeforeReturningAStageIsRecordedAndFallsBack() {
        runner.run(context -> {
            Payments payments = context.getBean(Payments.class);
            downstream(context).throwBeforeStage = new IOException("no connection");
            assertThat(payments.chargeAsync("t1").toCompletableFuture().get(5, TimeUnit.SECONDS)).isEqualTo("async-fallback:t1:IOException");
            assertThat(stats(context, "async").failedCalls()).isEqualTo(1);
        });
    }

    @Test
    void anAsyncFallbackThatFailsCompletesTheResultWithItsExceptionAndTheOriginalSuppressed() {
        runner.run(context -> {
            Payments payments = context.getBean(Payments.class);
            IOException original = new IOException("down");
            downstream(context).nextStage = CompletableFuture.failedFuture(original);
            downstream(context).asyncFallbackFails = true;
            assertThatThrownBy(() -> payments.chargeAsync("t1").toCompletableFuture().get(5, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(IllegalStateException.class).hasMessage("fallback failed")
                    .satisfies(e -> assertThat(e.getSuppressed()).containsExactly(original));
        });
    }

    private static Downstream downstream(AssertableApplicationContext context) {
        return context.getBean(Downstream.class);
    }

    static CircuitBreakerRegistry registry(AssertableApplicationContext context) {
        return context.getBean(CircuitBreakerRegistry.class);
    }

    static CircuitBreakerStats stats(AssertableApplicationContext context, String name) {
        return registry(context).find(name).orElseThrow().stats();
    }

    @Configuration(proxyBeanMethods = false)
    static class Beans {

        @Bean
        Downstream downstream() {
            return new Downstream();
        }

        @Bean
        Payments payments(Downstream downstream) {
            return new Payments(downstream);
        }

        @Bean
        Inventory inventory() {
            return new Inventory();
        }
    }

    /** What the guarded methods do next; a separate bean because fields written through a class proxy miss the target. */
    static class Downstream {

        final AtomicInteger invocations = new AtomicInteger();
        volatile Callable<String> next;
        volatile CompletableFuture<String> nextStage;
        volatile Exception throwBeforeStage;
        volatile boolean asyncFallbackFails;
    }

    static class Payments {

        private final Downstream downstream;

        Payments(Downstream downstream) {
            this.downstream = downstream;
        }

        @CircuitBreaker(name = "payments", fallback = "chargeFallback")
        public String charge(String txn) throws Exception {
            downstream.invocations.incrementAndGet();
            return downstream.next != null ? downstream.next.call() : "charged:" + txn;
        }

        String chargeFallback(String txn, Throwable cause) {
            return "fallback:" + txn + ":" + cause.getClass().getSimpleName();
        }

        String chargeFallback(String txn, IOException cause) {
            return "io-fallback:" + txn + ":" + cause.getMessage();
        }

        @CircuitBreaker(name = "refunds")
        public String refund(String txn) throws Exception {
            return downstream.next != null ? downstream.next.call() : "refunded:" + txn;
        }

        @CircuitBreaker(name = "capture", fallback = "captureFallback")
        public String capture(String txn) throws Exception {
            return downstream.next.call();
        }

        String captureFallback(String txn) {
            throw new IllegalStateException("no fallback for " + txn);
        }

        @CircuitBreaker(name = "async", fallback = "asyncFallback")
        public CompletionStage<String> chargeAsync(String txn) throws Exception {
            if (downstream.throwBeforeStage != null) {
                throw downstream.throwBeforeStage;
            }
            return downstream.nextStage;
        }

        CompletionStage<String> asyncFallback(String txn, Throwable cause) {
            if (downstream.asyncFallbackFails) {
                return CompletableFuture.failedFuture(new IllegalStateException("fallback failed"));
            }
            return CompletableFuture.completedFuture("async-fallback:" + txn + ":" + cause.getClass().getSimpleName());
        }
    }

    @CircuitBreaker(name = "inventory")
    static class Inventory {

        public String reserve(String sku) {
            return "reserved:" + sku;
        }

        @CircuitBreaker(name = "inventory-release")
        public String release(String sku) {
            return "released:" + sku;
        }

        int count() {
            return 0;
        }

        @Override
        public String toString() {
            return "Inventory";
        }

        @Override
        public boolean equals(Object other) {
            return other == this;
        }

        @Override
        public int hashCode() {
            return 42;
        }
    }
}
