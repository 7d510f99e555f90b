package dev.circuitbreaker;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The one scheduler behind every breaker's call timeouts: a single daemon thread, created on first use, that only
 * hands each expired timeout to the common pool (so a slow reaction to a timeout never delays another one). A
 * timeout cancelled because its call finished first is removed at once. Thread-safe.
 */
final class Timeouts {

    private Timeouts() {
    }

    /** Runs {@code task} on the common pool once {@code nanos} have elapsed, unless the returned future is cancelled. */
    static ScheduledFuture<?> schedule(long nanos, Runnable task) {
        return Holder.SCHEDULER.schedule(() -> ForkJoinPool.commonPool().execute(task), nanos, TimeUnit.NANOSECONDS);
    }

    private static final class Holder {

        static final ScheduledThreadPoolExecutor SCHEDULER = create();

        private static ScheduledThreadPoolExecutor create() {
            ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, runnable -> {
                Thread thread = new Thread(runnable, "circuit-breaker-timeouts");
                thread.setDaemon(true);
                return thread;
            });
            scheduler.setRemoveOnCancelPolicy(true);
            return scheduler;
        }
    }
}
