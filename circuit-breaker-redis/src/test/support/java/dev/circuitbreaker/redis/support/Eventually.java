package dev.circuitbreaker.redis.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition until it holds or a deadline passes: Redis's clock is real, so these tests wait on it. */
public final class Eventually {

    private Eventually() {
    }

    /** Waits until {@code condition} holds; fails with {@code what} after {@code limit}. Returns the time it took. */
    public static Duration await(Duration limit, String what, BooleanSupplier condition) {
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not within " + limit.toMillis() + " ms: " + what);
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** Sleeps: for tests that must let real time pass (Redis TTLs). */
    public static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
