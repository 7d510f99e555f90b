package dev.circuitbreaker.redis;

import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one thread on which a store does all its work: its groups' state, Redis answers and channel messages are
 * handled here one at a time, so the groups' bookkeeping needs no locks and callers never run any of it. Handing
 * it work never blocks. Thread-safe.
 */
final class StoreThread implements Executor {

    private static final System.Logger LOG = System.getLogger("dev.circuitbreaker.redis");
    private static final AtomicInteger STORES = new AtomicInteger();

    private final ScheduledThreadPoolExecutor executor;

    StoreThread() {
        String name = "circuitbreaker-redis-" + STORES.incrementAndGet();
        executor = new ScheduledThreadPoolExecutor(1, task -> {
            Thread t = new Thread(task, name);
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
    }

    @Override
    public void execute(Runnable task) {
        try {
            executor.execute(guarded(task));
        } catch (RuntimeException rejected) {
            // Shut down: the store is closed and nothing is left to do.
        }
    }

    ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
        try {
            return executor.schedule(guarded(task), delay, unit);
        } catch (RuntimeException rejected) {
            return null;
        }
    }

    ScheduledFuture<?> every(Runnable task, long initialDelay, long period, TimeUnit unit) {
        try {
            return executor.scheduleWithFixedDelay(guarded(task), initialDelay, period, unit);
        } catch (RuntimeException rejected) {
            return null;
        }
    }


    void shutdown() {
        executor.shutdown();
    }

    boolean awaitTermination(long millis) throws InterruptedException {
        return executor.awaitTermination(millis, TimeUnit.MILLISECONDS);
    }

    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (Throwable e) {
                LOG.log(System.Logger.Level.WARNING, "Redis group store task failed; the store goes on", e);
            }
        };
    }
}
