package dev.circuitbreaker.spring.aop;

import dev.circuitbreaker.CircuitBreaker;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The registry's breaker for one name, as annotated methods use it: held after the first lookup, and looked up again
 * after the registry removed it, so an annotated method follows the registry (a removed breaker is re-created from
 * its configuration on the next call, and the endpoint, meters and health see the one the method uses).
 * {@link GuardedMethod} extends it, so that the breaker is a field of the resolved method itself: no extra object on
 * the way to it on every call. Thread-safe: a lookup and a removal exclude each other through a
 * {@link ReentrantLock}, not a monitor, so a virtual thread never pins on it; the call path itself takes no lock once
 * the breaker is held.
 */
class BreakerSlot {

    private final String name;
    private final Function<String, CircuitBreaker> registry;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile CircuitBreaker current;

    BreakerSlot(String name, Function<String, CircuitBreaker> registry) {
        this.name = name;
        this.registry = registry;
    }

    /** The registry's breaker for the name now. */
    final CircuitBreaker breaker() {
        CircuitBreaker b = current;
        return b != null ? b : lookUp();
    }

    /** Forgets {@code removed} if it is the one held; a breaker looked up after the removal is kept. */
    void forget(CircuitBreaker removed) {
        lock.lock();
        try {
            if (current == removed) {
                current = null;
            }
        } finally {
            lock.unlock();
        }
    }

    private CircuitBreaker lookUp() {
        lock.lock();
        try {
            CircuitBreaker b = current;
            if (b == null) {
                b = registry.apply(name);
                current = b;
            }
            return b;
        } finally {
            lock.unlock();
        }
    }
}
