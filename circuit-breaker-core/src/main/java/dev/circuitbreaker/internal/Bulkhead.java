package dev.circuitbreaker.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * How many calls of one breaker hold a place now, against a limit given at each acquisition (so a reconfigured
 * limit applies to the next call and the count stays exact). Lock-free and thread-safe: a place is taken with one
 * compare-and-set and given back with one atomic add.
 */
public final class Bulkhead {

    private static final VarHandle RUNNING;

    static {
        try {
            RUNNING = MethodHandles.lookup().findVarHandle(Bulkhead.class, "running", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile int running;

    /** Takes a place if fewer than {@code limit} are taken; returns whether it did. */
    public boolean tryAcquire(int limit) {
        for (;;) {
            int r = running;
            if (r >= limit) {
                return false;
            }
            if (RUNNING.compareAndSet(this, r, r + 1)) {
                return true;
            }
        }
    }

    /** Gives back a place taken by {@link #tryAcquire(int)}. */
    public void release() {
        RUNNING.getAndAdd(this, -1);
    }

    /** How many places are taken now. */
    public int running() {
        return running;
    }
}
