package dev.circuitbreaker.spring.aop;

import dev.circuitbreaker.CircuitBreaker;
import java.util.function.Function;

/**
 * The registry's breaker for one name, as annotated methods use it: held after the first lookup, and looked up again
 * after the registry removed it, so an annotated method follows the registry (a removed breaker is re-created from
 * its configuration on the next call, and the endpoint, meters and health see the one the method uses).
 * {@link GuardedMethod} extends it, so that the breaker is a field of the resolved method itself: no extra object on
 * the way to it on every call. Thread-safe.
 */
class BreakerSlot {

    private final String name;
    private final Function<String, CircuitBreaker> registry;
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
    synchronized void forget(CircuitBreaker removed) {
        if (current == removed) {
            current = null;
        }
    }

    private synchronized CircuitBreaker lookUp() {
        CircuitBreaker b = current;
        if (b == null) {
            b = registry.apply(name);
            current = b;
        }
        return b;
    }
}
