package dev.circuitbreaker.internal;

import dev.circuitbreaker.CircuitBreakerConfig;
import java.util.List;
import java.util.Objects;

/**
 * What a circuit's states read from its config, computed once per config: the trip rules and the waits in
 * nanoseconds. A reconfiguration installs a new one; each state reads the current one when it decides. Immutable.
 */
final class Policy {

    final CircuitBreakerConfig config;
    final TripRules rules;
    final long baseWaitNanos;
    final long maxWaitNanos;
    final double backoffMultiplier;
    final long maxHalfOpenWaitNanos;

    Policy(CircuitBreakerConfig config) {
        this.config = config;
        this.rules = new TripRules(config);
        this.baseWaitNanos = config.waitDurationInOpenState().toNanos();
        this.maxWaitNanos = Math.max(baseWaitNanos, config.maxWaitDurationInOpenState().toNanos());
        this.backoffMultiplier = config.backoffMultiplier();
        this.maxHalfOpenWaitNanos = config.maxWaitDurationInHalfOpenState().toNanos();
    }

    /** The open wait after one more failed recovery: multiplied by the backoff, capped. */
    long nextWaitNanos(long waitNanos) {
        if (backoffMultiplier == 1.0) {
            return waitNanos;
        }
        double next = waitNanos * backoffMultiplier;
        return next >= maxWaitNanos ? maxWaitNanos : (long) next;
    }

    /** Whether a CLOSED window built for {@code other} has the same shape (type, size, failure categories). */
    boolean sameWindowAs(Policy other) {
        CircuitBreakerConfig a = config;
        CircuitBreakerConfig b = other.config;
        return a.slidingWindowType() == b.slidingWindowType() && a.slidingWindowSize() == b.slidingWindowSize()
                && Objects.equals(List.copyOf(a.exceptionThresholds().keySet()), List.copyOf(b.exceptionThresholds().keySet()));
    }
}
