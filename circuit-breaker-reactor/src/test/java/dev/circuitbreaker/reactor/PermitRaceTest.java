package dev.circuitbreaker.reactor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.circuitbreaker.CircuitBreaker;
import dev.circuitbreaker.CircuitBreakerConfig;
import dev.circuitbreaker.CircuitBreakerConfigBuilder;
import dev.circuitbreaker.CircuitBreakerStats;
import dev.circuitbreaker.CircuitState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Barrier-driven races on guarded subscriptions in HALF_OPEN with a single trial permit and a bulkhead of one, so a
 * permit or bulkhead place that is not returned makes the very next subscription fail. In each round the racers
 * start together at a barrier: the source completing (a Mono's value, a Flux's completion) against the subscriber
 * cancelling, and then the same with the call timeout's timer firing as a third racer. After every round exactly one
 * outcome was counted, the counters match what the subscriber saw, and the downstream got at most one terminal
 * signal and never two signals at once.
 */
class PermitRaceTest {

    static final int ROUNDS = 10_000;

    @Test
    void aMonosValueRacingCancellationLeaksNoPermitAndCountsExactly() throws Exception {
        race(true, false);
    }

    @Test
    void aFluxsCompletionRacingCancellationLeaksNoPermitAndCountsExactly() throws Exception {
        race(false, false);
    }

    @Test
    void aMonosValueRacingCancellationAndTheTimeoutLeaksNoPermitAndCountsExactly() throws Exception {
        race(true, true);
    }

    @Test
    void aFluxsValuesAndCompletionRacingCancellationAndTheTimeoutLeakNoPermitAndCountExactly() throws Exception {
        race(false, true);
    }

    private static void race(boolean mono, boolean withTimeout) throws Exception {
        CircuitBreakerConfigBuilder config = CircuitBreakerConfig.builder()
                .successThreshold(1_000_000).permittedCallsInHalfOpenState(1).maxConcurrentCalls(1)
                .maxWaitDurationInHalfOpenState(Duration.ofHours(1));
        CircuitBreaker cb = CircuitBreaker.of("race", withTimeout ? config.callTimeout(Duration.ofHours(1)).build() : config.build());
        cb.transitionToHalfOpen();
        ManualTimer timer = new ManualTimer();
        CircuitBreakerOperator<Integer> op = CircuitBreakerOperator.of(cb, timer);
        int racers = withTimeout ? 3 : 2;
        CyclicBarrier start = new CyclicBarrier(racers + 1);
        CyclicBarrier end = new CyclicBarrier(racers + 1);
        Round[] current = new Round[1];
        List<Thread> threads = new ArrayList<>();
        for (int r = 0; r < racers; r++) {
            int role = r;
            Thread t = new Thread(() -> {
                try {
                    for (int i = 0; i < ROUNDS; i++) {
                        start.await(30, TimeUnit.SECONDS);
                        Round round = current[0];
                        switch (role) {
                            case 0 -> round.source.finish();
                            case 1 -> round.subscriber.subscription.cancel();
                            default -> timer.fire();
                        }
                        end.await(30, TimeUnit.SECONDS);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "racer-" + role);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        long delivered = 0;
        long timedOut = 0;
        for (int i = 0; i < ROUNDS; i++) {
            if (cb.state() != CircuitState.HALF_OPEN) {
                cb.transitionToHalfOpen(); // a timeout's failure reopened it; manual transitions keep the counters
            }
            Round round = new Round(mono);
            current[0] = round;
            round.subscribe(op);
            assertThat(round.subscriber.subscription).as("round %d was admitted", i).isNotNull();
            assertThat(round.subscriber.errors).as("round %d: not rejected", i).isEmpty();
            start.await(30, TimeUnit.SECONDS);
            end.await(30, TimeUnit.SECONDS);

            RecordingSubscriber s = round.subscriber;
            assertThat(s.overlaps.get()).as("round %d: concurrent signals", i).isZero();
            assertThat(s.terminals.get()).as("round %d: terminal signals", i).isLessThanOrEqualTo(1);
            boolean completed = s.completions.get() == 1;
            boolean failed = !s.errors.isEmpty();
            if (failed) {
                assertThat(s.errors).singleElement().isInstanceOf(TimeoutException.class);
                timedOut++;
            }
            if (completed) {
                assertThat(s.values.get()).isEqualTo(1);
                delivered++;
            }
            if (mono && !completed) {
                assertThat(s.values.get()).as("round %d: a Mono's value goes down only with its success", i).isZero();
            }
            CircuitBreakerStats stats = cb.stats();
            assertThat(stats.totalCalls()).as("round %d: one outcome per round", i).isEqualTo(i + 1);
            assertThat(stats.successfulCalls()).as("round %d", i).isEqualTo(delivered);
            assertThat(stats.failedCalls()).as("round %d", i).isEqualTo(timedOut);
            assertThat(stats.ignoredCalls()).as("round %d", i).isEqualTo(i + 1 - delivered - timedOut);
            assertThat(stats.concurrentCalls()).as("round %d: bulkhead place returned", i).isZero();
            if (failed) {
                assertThat(round.source.cancelled).as("round %d: a timed-out source is cancelled", i).isTrue();
            }
        }
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(30));
        }
        CircuitBreakerStats stats = cb.stats();
        assertThat(stats.notPermittedCalls()).isZero();
        assertThat(stats.bulkheadFullCalls()).isZero();
        assertThat(stats.totalCalls()).isEqualTo(ROUNDS);
        // Every kind of outcome won some rounds, so the race really was run both ways.
        assertThat(delivered).isPositive();
        assertThat(stats.ignoredCalls()).isPositive();
        if (withTimeout) {
            assertThat(timedOut).isPositive();
        }
    }

    /** One subscription to race on. */
    static final class Round {
        final ManualSource source = new ManualSource();
        final RecordingSubscriber subscriber = new RecordingSubscriber();
        final boolean mono;

        Round(boolean mono) {
            this.mono = mono;
        }

        void subscribe(CircuitBreakerOperator<Integer> op) {
            if (mono) {
                Mono.fromDirect(source).transform(op).subscribe(subscriber);
            } else {
                Flux.from(source).transform(op).subscribe(subscriber);
            }
        }
    }

    /** A source that signals only when told: one value and its completion. */
    static final class ManualSource implements org.reactivestreams.Publisher<Integer> {
        volatile CoreSubscriber<? super Integer> subscriber;
        volatile boolean cancelled;

        @Override
        public void subscribe(org.reactivestreams.Subscriber<? super Integer> s) {
            subscriber = reactor.core.publisher.Operators.toCoreSubscriber(s);
            s.onSubscribe(new Subscription() {
                @Override
                public void request(long n) {
                }

                @Override
                public void cancel() {
                    cancelled = true;
                }
            });
        }

        void finish() {
            subscriber.onNext(1);
            subscriber.onComplete();
        }
    }

    /** Counts what reaches the downstream, and whether two signals ever overlapped. */
    static final class RecordingSubscriber implements CoreSubscriber<Integer> {
        volatile Subscription subscription;
        final AtomicInteger values = new AtomicInteger();
        final AtomicInteger completions = new AtomicInteger();
        final AtomicInteger terminals = new AtomicInteger();
        final AtomicInteger overlaps = new AtomicInteger();
        final List<Throwable> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final AtomicInteger inSignal = new AtomicInteger();
        /** Runs inside each {@code onNext}, while it counts as a signal in progress. */
        volatile Runnable duringOnNext = Thread::onSpinWait;

        @Override
        public void onSubscribe(Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(Integer value) {
            enter();
            values.incrementAndGet();
            duringOnNext.run();
            exit();
        }

        @Override
        public void onError(Throwable t) {
            enter();
            errors.add(t);
            terminals.incrementAndGet();
            exit();
        }

        @Override
        public void onComplete() {
            enter();
            completions.incrementAndGet();
            terminals.incrementAndGet();
            exit();
        }

        private void enter() {
            if (inSignal.getAndIncrement() != 0) {
                overlaps.incrementAndGet();
            }
        }

        private void exit() {
            inSignal.decrementAndGet();
        }
    }

    /**
     * A scheduler whose only task is the latest call timeout, run by a racer when told, even if the task was disposed
     * meanwhile: a real scheduler may already be running a task that is disposed.
     */
    static final class ManualTimer implements Scheduler {
        private volatile Runnable task;

        @Override
        public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
            this.task = task;
            return () -> { };
        }

        @Override
        public Disposable schedule(Runnable task) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Worker createWorker() {
            throw new UnsupportedOperationException();
        }

        void fire() {
            Runnable t = task;
            task = null;
            if (t != null) {
                t.run();
            }
        }
    }
}
