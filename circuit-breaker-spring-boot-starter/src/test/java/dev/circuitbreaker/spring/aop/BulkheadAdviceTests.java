package dev.circuitbreaker.spring.aop;

import static dev.circuitbreaker.spring.aop.CircuitBreakerAdviceTests.registry;
import static dev.circuitbreaker.spring.aop.CircuitBreakerAdviceTests.stats;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.circuitbreaker.BulkheadFullException;
import dev.circuitbreaker.CallNotPermittedException;
import dev.circuitbreaker.CircuitBreakerOpenException;
import dev.circuitbreaker.CircuitBreakerStats;
import dev.circuitbreaker.spring.CircuitBreaker;
import dev.circuitbreaker.spring.StarterContext;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Annotated methods with a bulkhead ({@code max-concurrent-calls}) and a call timeout ({@code call-timeout}): a full
 * bulkhead runs the fallback without calling the method, async methods hold their place until their stage completes,
 * and a stage that does not complete in time fails with a {@link TimeoutException} that reaches the fallback. Calls
 * are held inside the method by latches, never by sleeps; the timeouts run on the JDK's scheduler (real time, 100 ms,
 * with generous deadlines for the assertions).
 */
class BulkheadAdviceTests {

    private static final long DEADLINE_SECONDS = 10;

    private final ApplicationContextRunner runner = StarterContext.runner()
            .withUserConfiguration(Beans.class)
            .withPropertyValues(
                    "circuitbreaker.instances.charges.max-concurrent-calls=1",
                    "circuitbreaker.instances.reservations.max-concurrent-calls=1",
                    "circuitbreaker.instances.busy-only.max-concurrent-calls=1",
                    "circuitbreaker.instances.async.max-concurrent-calls=1",
                    "circuitbreaker.instances.timed.max-concurrent-calls=5",
                    "circuitbreaker.instances.timed.call-timeout=100ms",
                    "circuitbreaker.instances.timed.failure-threshold=5",
                    "circuitbreaker.instances.timed.exception-thresholds.[java.util.concurrent.TimeoutException]=2");

    private final ExecutorService callers = Executors.newCachedThreadPool();

    @AfterEach
    void stopCallers() {
        callers.shutdownNow();
    }

    @Test
    void aFullBulkheadRunsTheBulkheadFullFallbackWithoutCallingTheMethod() throws Exception {
        runner.run(context -> {
            Bank bank = context.getBean(Bank.class);
            Downstream downstream = downstream(context);
            Future<String> holder = callers.submit(() -> bank.charge("t1"));
            assertThat(downstream.entered.await(DEADLINE_SECONDS, TimeUnit.SECONDS)).as("t1 runs in the method").isTrue();

            assertThat(bank.charge("t2")).isEqualTo("busy:t2:1 in flight");
            assertThat(downstream.invocations).as("t2 never reached the method").hasValue(1);
            CircuitBreakerStats held = stats(context, "charges");
            assertThat(held.bulkheadFullCalls()).isEqualTo(1);
            assertThat(held.concurrentCalls()).isEqualTo(1);
            assertThat(held.failedCalls()).as("a full bulkhead is not a downstream failure").isZero();
            assertThat(held.notPermittedCalls()).isZero();
            assertThat(held.state().name()).isEqualTo("CLOSED");

            downstream.gate.countDown();
            assertThat(holder.get(DEADLINE_SECONDS, TimeUnit.SECONDS)).isEqualTo("charged:t1");
            assertThat(stats(context, "charges").concurrentCalls()).isZero();
            assertThat(bank.charge("t3")).as("the place is free again").isEqualTo("charged:t3");
            assertThat(stats(context, "charges").successfulCalls()).isEqualTo(2);
        });
    }

    @Test
    void theMostSpecificOverloadWinsBulkheadFullOverCallNotPermittedOverThrowable() {
        runner.run(context -> {
            Bank bank = context.getBean(Bank.class);
            registry(context).find("charges").orElseThrow().forceOpen();
            assertThat(bank.charge("t1")).as("an open breaker: the CallNotPermittedException overload")
                    .isEqualTo("not-run:t1:CircuitBreakerOpenException");
            registry(context).find("charges").orElseThrow().transitionToClosed();
            downstream(context).gate.countDown();
            downstream(context).failure = new IOException("bank down");
            assertThat(bank.charge("t2")).as("a recorded failure: the Throwable overload").isEqualTo("failed:t2:IOException");
        });
    }

    @Test
    void aCallNotPermittedFallbackCatchesBothRejectionKinds() throws Exception {
        runner.run(context -> {
            Bank bank = context.getBean(Bank.class);
            Downstream downstream = downstream(context);
            Future<String> holder = callers.submit(() -> bank.reserve("r1"));
            assertThat(downstream.entered.await(DEADLINE_SECONDS, TimeUnit.SECONDS)).isTrue();
            assertThat(bank.reserve("r2")).isEqualTo("not-run:r2:BulkheadFullException:reservations");
            downstream.gate.countDown();
            assertThat(holder.get(DEADLINE_SECONDS, TimeUnit.SECONDS)).isEqualTo("reserved:r1");

            registry(context).find("reservations").orElseThrow().forceOpen();
            assertThat(bank.reserve("r3")).isEqualTo("not-run:r3:CircuitBreakerOpenException:reservations");
            CircuitBreakerStats s = stats(context, "reservations");
            assertThat(s.bulkheadFullCalls()).isEqualTo(1);
            assertThat(s.notPermittedCalls()).isEqualTo(1);
            assertThat(downstream.invocations).hasValue(1);
        });
    }

    @Test
    void aRejectionNoOverloadTakesReachesTheCallerUnchanged() {
        runner.run(context -> {
            registry(context).find("busy-only").orElseThrow().forceOpen();
            assertThatThrownBy(() -> context.getBean(Bank.class).busyOnly("b1"))
                    .isInstanceOf(CircuitBreakerOpenException.class).hasMessageContaining("busy-only");
        });
    }

    @Test
    void anAsyncMethodHoldsItsPlaceUntilItsStageCompletesAndARejectedOneFallsBack() throws Exception {
        runner.run(context -> {
            Bank bank = context.getBean(Bank.class);
            Downstream downstream = downstream(context);
            CompletableFuture<String> pending = new CompletableFuture<>();
            downstream.nextStage = pending;
            CompletableFuture<String> first = bank.chargeAsync("a1").toCompletableFuture();
            assertThat(stats(context, "async").concurrentCalls()).as("the method returned; its stage has not completed").isEqualTo(1);

            String second = bank.chargeAsync("a2").toCompletableFuture().get(DEADLINE_SECONDS, TimeUnit.SECONDS);
            assertThat(second).isEqualTo("busy:a2:1 in flight");
            assertThat(downstream.invocations).hasValue(1);

            pending.complete("done:a1");
            assertThat(first.get(DEADLINE_SECONDS, TimeUnit.SECONDS)).isEqualTo("done:a1");
            assertThat(stats(context, "async").concurrentCalls()).isZero();
            downstream.nextStage = CompletableFuture.completedFuture("done:a3");
            assertThat(bank.chargeAsync("a3").toCompletableFuture().get(DEADLINE_SECONDS, TimeUnit.SECONDS)).isEqualTo("done:a3");
            assertThat(stats(context, "async").successfulCalls()).isEqualTo(2);
            assertThat(stats(context, "async").bulkheadFullCalls()).isEqualTo(1);
        });
    }

    @Test
    void cancellingAnAsyncCallFreesItsPlaceAndCancelsTheMethodsStage() {
        runner.run(context -> {
            Bank bank = context.getBean(Bank.class);
            CompletableFuture<String> pending = new CompletableFuture<>();
            downstream(context).nextStage = pending;
            CompletableFuture<String> call = bank.chargeAsync("a1").toCompletableFuture();
            assertThat(stats(context, "async").concurrentCalls()).isEqualTo(1);

            call.cancel(true);
            assertThat(pending).isCancelled();
            CircuitBreakerStats s = stats(context, "async");
            assertThat(s.concurrentCalls()).isZero();
            assertThat(s.ignoredCalls()).isEqualTo(1);
            assertThat(s.failedCalls()).isZero();
        });
    }

    @Test
    void aStageThatDoesNotCompleteInTimeFailsWithATimeoutThatReachesTheFallback() throws Exception {
        runner.run(context -> {
            Bank bank = context.getBean(Bank.class);
            CompletableFuture<String> neverCompletes = new CompletableFuture<>();
            downstream(context).nextStage = neverCompletes;

            String answer = bank.chargeTimed("t1").toCompletableFuture().get(DEADLINE_SECONDS, TimeUnit.SECONDS);
            assertThat(answer).startsWith("timed-out:t1:").contains("'timed'").contains("callTimeout");
            assertThat(neverCompletes).as("the late stage is cancelled").isCancelled();
            CircuitBreakerStats s = stats(context, "timed");
            assertThat(s.failedCalls()).isEqualTo(1);
            assertThat(s.concurrentCalls()).as("a timed-out call gives its place back").isZero();
            assertThat(registry(context).find("timed").orElseThrow().history()).singleElement()
                    .satisfies(call -> assertThat(call.errorMessage()).startsWith("java.util.concurrent.TimeoutException"));
        });
    }

    @Test
    void withoutAFallbackTheCallerGetsTheTimeoutExceptionAndTimeoutsCountTowardTheirOwnThreshold() {
        runner.run(context -> {
            Bank bank = context.getBean(Bank.class);
            downstream(context).nextStage = new CompletableFuture<>();
            Throwable first = catchThrowable(() -> bank.chargeTimedNoFallback("t1").toCompletableFuture()
                    .get(DEADLINE_SECONDS, TimeUnit.SECONDS));
            assertThat(first).isInstanceOf(ExecutionException.class).cause().isInstanceOf(TimeoutException.class);
            assertThat(registry(context).find("timed").orElseThrow().state().name()).isEqualTo("CLOSED");

            downstream(context).nextStage = new CompletableFuture<>();
            catchThrowable(() -> bank.chargeTimedNoFallback("t2").toCompletableFuture().get(DEADLINE_SECONDS, TimeUnit.SECONDS));
            assertThat(registry(context).find("timed").orElseThrow().state().name())
                    .as("exception-thresholds: 2 timeouts open it, failure-threshold is 5").isEqualTo("OPEN");
        });
    }

    @Test
    void aStageThatCompletesInTimeIsNotAffectedByTheTimeout() throws Exception {
        runner.run(context -> {
            downstream(context).nextStage = CompletableFuture.completedFuture("quick");
            assertThat(context.getBean(Bank.class).chargeTimed("t1").toCompletableFuture().get(DEADLINE_SECONDS, TimeUnit.SECONDS))
                    .isEqualTo("quick");
            assertThat(stats(context, "timed").successfulCalls()).isEqualTo(1);
        });
    }

    private static Downstream downstream(AssertableApplicationContext context) {
        return context.getBean(Downstream.class);
    }

    @Configuration(proxyBeanMethods = false)
    static class Beans {

        @Bean
        Downstream downstream() {
            return new Downstream();
        }

        @Bean
        Bank bank(Downstream downstream) {
            return new Bank(downstream);
        }
    }

    /** What the guarded methods do; a separate bean because fields written through a class proxy miss the target. */
    static class Downstream {

        final AtomicInteger invocations = new AtomicInteger();
        /** Counted down when a synchronous call is inside the method. */
        final CountDownLatch entered = new CountDownLatch(1);
        /** Synchronous calls wait here until the test opens it. */
        final CountDownLatch gate = new CountDownLatch(1);
        volatile Exception failure;
        volatile CompletableFuture<String> nextStage;

        void enterAndWait() throws Exception {
            invocations.incrementAndGet();
            entered.countDown();
            if (!gate.await(DEADLINE_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never opened the gate");
            }
            if (failure != null) {
                throw failure;
            }
        }
    }

    static class Bank {

        private final Downstream downstream;

        Bank(Downstream downstream) {
            this.downstream = downstream;
        }

        @CircuitBreaker(name = "charges", fallback = "chargeFallback")
        public String charge(String txn) throws Exception {
            downstream.enterAndWait();
            return "charged:" + txn;
        }

        String chargeFallback(String txn, BulkheadFullException full) {
            return "busy:" + txn + ":" + full.maxConcurrentCalls() + " in flight";
        }

        String chargeFallback(String txn, CallNotPermittedException notRun) {
            return "not-run:" + txn + ":" + notRun.getClass().getSimpleName();
        }

        String chargeFallback(String txn, Throwable failure) {
            return "failed:" + txn + ":" + failure.getClass().getSimpleName();
        }

        @CircuitBreaker(name = "reservations", fallback = "reserveFallback")
        public String reserve(String id) throws Exception {
            downstream.enterAndWait();
            return "reserved:" + id;
        }

        String reserveFallback(String id, CallNotPermittedException notRun) {
            return "not-run:" + id + ":" + notRun.getClass().getSimpleName() + ":" + notRun.breakerName();
        }

        @CircuitBreaker(name = "busy-only", fallback = "busyOnlyFallback")
        public String busyOnly(String id) {
            return "ran:" + id;
        }

        String busyOnlyFallback(String id, BulkheadFullException full) {
            return "busy:" + id;
        }

        @CircuitBreaker(name = "async", fallback = "chargeAsyncFallback")
        public CompletionStage<String> chargeAsync(String txn) {
            downstream.invocations.incrementAndGet();
            return downstream.nextStage;
        }

        CompletionStage<String> chargeAsyncFallback(String txn, BulkheadFullException full) {
            return CompletableFuture.completedFuture("busy:" + txn + ":" + full.maxConcurrentCalls() + " in flight");
        }

        @CircuitBreaker(name = "timed", fallback = "chargeTimedFallback")
        public CompletionStage<String> chargeTimed(String txn) {
            return downstream.nextStage;
        }

        CompletionStage<String> chargeTimedFallback(String txn, TimeoutException timeout) {
            return CompletableFuture.completedFuture("timed-out:" + txn + ":" + timeout.getMessage());
        }

        @CircuitBreaker(name = "timed")
        public CompletionStage<String> chargeTimedNoFallback(String txn) {
            return downstream.nextStage;
        }
    }
}
