package dev.circuitbreaker;

import dev.circuitbreaker.internal.ExceptionClassifier;
import dev.circuitbreaker.internal.Outcomes;
import dev.circuitbreaker.internal.TripRules;

/**
 * What one breaker's calls read from its config, computed once per config so the hot path reads plain fields:
 * classification, slow-call threshold, which readings a call needs, the bulkhead's limit and the call timeout.
 * A reconfiguration installs a new instance; a call keeps the one it started with. Immutable.
 */
final class BreakerSettings {

    final CircuitBreakerConfig config;
    final ExceptionClassifier classifier;
    final TripRules rules;
    final long slowNanos;
    /** Calls need a start reading: the slow-call rule or the history uses durations. */
    final boolean timed;
    /** Outcomes need an end reading even when calls are not timed: time-based windows. */
    final boolean endTicked;
    /** The bulkhead's limit; 0 when it is off. */
    final int maxConcurrentCalls;
    /** The asynchronous call timeout in nanoseconds; 0 when it is off. */
    final long callTimeoutNanos;
    /** The one exception every bulkhead rejection under these settings throws. */
    final BulkheadFullException bulkheadFull;

    BreakerSettings(String name, CircuitBreakerConfig config) {
        this.config = config;
        this.classifier = new ExceptionClassifier(config);
        this.rules = new TripRules(config);
        this.slowNanos = config.hasSlowCallRule() ? config.slowCallDurationThreshold().toNanos() : Long.MAX_VALUE;
        this.timed = config.hasSlowCallRule() || config.historySize() > 0;
        this.endTicked = config.slidingWindowType() == SlidingWindowType.TIME_BASED;
        this.maxConcurrentCalls = config.maxConcurrentCalls();
        this.callTimeoutNanos = config.callTimeout() == null ? 0 : config.callTimeout().toNanos();
        this.bulkheadFull = new BulkheadFullException(name, maxConcurrentCalls);
    }

    /** The outcome code of a call that ended with {@code error} ({@code null}: returned) after {@code duration} ns. */
    int outcome(Throwable error, long duration, boolean cancelled) {
        boolean slow = duration > slowNanos;
        if (error == null && !cancelled) {
            return Outcomes.success(slow);
        }
        int category = cancelled ? ExceptionClassifier.IGNORED : classifier.classify(error);
        return category == ExceptionClassifier.IGNORED ? Outcomes.ignored()
                : category == ExceptionClassifier.SUCCESS ? Outcomes.success(slow)
                : Outcomes.failure(category, slow);
    }
}
