package dev.circuitbreaker.internal;

import dev.circuitbreaker.ListenerRegistration;
import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * A copy-on-write array of listeners: reading it is one volatile read, and a listener that throws anything (an
 * {@code Error} or a sneaky-thrown checked exception included) is logged and skipped, so user code never breaks a
 * call. Thread-safe.
 *
 * @param <L> the listener type
 */
public final class ListenerList<L> {

    private final ReentrantLock lock = new ReentrantLock();
    private volatile Object[] listeners = new Object[0];

    public ListenerRegistration add(L listener) {
        if (listener == null) {
            throw new IllegalArgumentException("listener must not be null");
        }
        lock.lock();
        try {
            Object[] next = Arrays.copyOf(listeners, listeners.length + 1);
            next[next.length - 1] = listener;
            listeners = next;
        } finally {
            lock.unlock();
        }
        return () -> remove(listener);
    }

    private void remove(L listener) {
        lock.lock();
        try {
            Object[] current = listeners;
            for (int i = 0; i < current.length; i++) {
                if (current[i] == listener) {
                    Object[] next = new Object[current.length - 1];
                    System.arraycopy(current, 0, next, 0, i);
                    System.arraycopy(current, i + 1, next, i, current.length - i - 1);
                    listeners = next;
                    return;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    public boolean isEmpty() {
        return listeners.length == 0;
    }

    /** Calls {@code event} on each listener; what a listener throws is logged, never propagated. */
    @SuppressWarnings("unchecked")
    public void forEach(String source, Consumer<L> event) {
        for (Object listener : listeners) {
            try {
                event.accept((L) listener);
            } catch (Throwable e) {
                Failures.log(listener, source, e);
            }
        }
    }
}
