package dev.circuitbreaker.spring.metrics;

import dev.circuitbreaker.CircuitBreaker;
import dev.circuitbreaker.CircuitBreakerConfig;
import dev.circuitbreaker.CircuitBreakerListener;
import dev.circuitbreaker.CircuitBreakerRegistry;
import dev.circuitbreaker.CircuitState;
import dev.circuitbreaker.ListenerRegistration;
import dev.circuitbreaker.RegistryListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.ToDoubleFunction;

/**
 * Binds the meters of every breaker in a {@link CircuitBreakerRegistry}, present and future, to a
 * {@link MeterRegistry}; a removed breaker's meters are removed with it. No meter has a base unit, so Prometheus
 * names stay as written ({@code circuitbreaker_failure_rate}). Thread-safe.
 *
 * <ul>
 * <li>{@code circuitbreaker.state} gauge per {@code state} (lower case), 1 for the current state, else 0</li>
 * <li>{@code circuitbreaker.calls} function counter per {@code kind}: successful, failed, ignored, not_permitted,
 * bulkhead_full</li>
 * <li>{@code circuitbreaker.concurrent.calls} gauge: calls holding a bulkhead place now, only for breakers whose
 * {@code maxConcurrentCalls} is set (added and removed when a reconfiguration switches the bulkhead on or off)</li>
 * <li>{@code circuitbreaker.slow.calls} function counter</li>
 * <li>{@code circuitbreaker.failure.rate}, {@code circuitbreaker.slow.call.rate} gauges (percent; -1 below the
 * minimum number of calls), {@code circuitbreaker.buffered.calls} gauge</li>
 * <li>{@code circuitbreaker.state.transitions} counter per {@code from} and {@code to}</li>
 * </ul>
 */
public class CircuitBreakerMetrics implements MeterBinder {

    static final String TAG_NAME = "name";

    private final CircuitBreakerRegistry registry;

    /** @param registry the breakers to measure, also those created later */
    public CircuitBreakerMetrics(CircuitBreakerRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void bindTo(MeterRegistry meterRegistry) {
        Binding binding = new Binding(meterRegistry);
        registry.addListener(binding);
        registry.all().forEach(binding::onAdded);
    }

    /** The meters of one registry's breakers in one meter registry. */
    private static final class Binding implements RegistryListener {

        private final MeterRegistry meters;
        private final Map<CircuitBreaker, BreakerMeters> bound = new ConcurrentHashMap<>();

        Binding(MeterRegistry meters) {
            this.meters = meters;
        }

        @Override
        public void onAdded(CircuitBreaker breaker) {
            bound.computeIfAbsent(breaker, b -> new BreakerMeters(b, meters));
        }

        @Override
        public void onRemoved(CircuitBreaker breaker) {
            BreakerMeters removed = bound.remove(breaker);
            if (removed != null) {
                removed.remove();
            }
        }

        @Override
        public void onReconfigured(CircuitBreaker breaker, CircuitBreakerConfig previous) {
            BreakerMeters meters = bound.get(breaker);
            if (meters != null) {
                meters.bulkheadGauge(breaker);
            }
        }
    }

    /** The meters of one breaker; transition counters appear on the first transition of each kind. */
    private static final class BreakerMeters implements CircuitBreakerListener {

        private final MeterRegistry meters;
        private final List<Meter> registered = new ArrayList<>();
        private final Map<String, Counter> transitions = new ConcurrentHashMap<>();
        private final ListenerRegistration listener;
        private final ReentrantLock lock = new ReentrantLock();
        private Gauge concurrentCalls;
        private volatile boolean removed;

        BreakerMeters(CircuitBreaker breaker, MeterRegistry meters) {
            this.meters = meters;
            String name = breaker.name();
            for (CircuitState state : CircuitState.values()) {
                registered.add(Gauge.builder("circuitbreaker.state", breaker, b -> b.state() == state ? 1 : 0)
                        .description("1 for the breaker's current state, 0 for the others")
                        .tags(TAG_NAME, name, "state", state.name().toLowerCase(Locale.ROOT)).register(meters));
            }
            calls(breaker, "successful", b -> b.stats().successfulCalls());
            calls(breaker, "failed", b -> b.stats().failedCalls());
            calls(breaker, "ignored", b -> b.stats().ignoredCalls());
            calls(breaker, "not_permitted", b -> b.stats().notPermittedCalls());
            calls(breaker, "bulkhead_full", b -> b.stats().bulkheadFullCalls());
            registered.add(FunctionCounter.builder("circuitbreaker.slow.calls", breaker, b -> b.stats().slowCalls())
                    .description("Calls slower than the slow-call duration threshold").tag(TAG_NAME, name).register(meters));
            gauge(breaker, "circuitbreaker.failure.rate", "Failure rate of the sliding window in percent, -1 below the minimum calls",
                    b -> b.stats().failureRate());
            gauge(breaker, "circuitbreaker.slow.call.rate", "Slow-call rate of the sliding window in percent, -1 below the minimum calls",
                    b -> b.stats().slowCallRate());
            gauge(breaker, "circuitbreaker.buffered.calls", "Calls in the sliding window", b -> b.stats().bufferedCalls());
            bulkheadGauge(breaker);
            this.listener = breaker.addListener(this);
        }

        /** The concurrent-calls gauge exists while the breaker's bulkhead is on. */
        void bulkheadGauge(CircuitBreaker breaker) {
            lock.lock();
            try {
                boolean on = breaker.config().maxConcurrentCalls() > 0;
                if (on && concurrentCalls == null && !removed) {
                    concurrentCalls = Gauge.builder("circuitbreaker.concurrent.calls", breaker, b -> b.stats().concurrentCalls())
                            .description("Calls holding a place in the bulkhead now (at most max-concurrent-calls)")
                            .tag(TAG_NAME, breaker.name()).register(meters);
                } else if (!on && concurrentCalls != null) {
                    meters.remove(concurrentCalls);
                    concurrentCalls = null;
                }
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void onStateTransition(CircuitBreaker breaker, CircuitState from, CircuitState to) {
            if (removed) {
                return;
            }
            String fromTag = from.name().toLowerCase(Locale.ROOT);
            String toTag = to.name().toLowerCase(Locale.ROOT);
            transitions.computeIfAbsent(fromTag + ">" + toTag, k -> Counter.builder("circuitbreaker.state.transitions")
                    .description("State transitions").tags(TAG_NAME, breaker.name(), "from", fromTag, "to", toTag)
                    .register(meters)).increment();
        }

        void remove() {
            lock.lock();
            try {
                removed = true;
                listener.remove();
                registered.forEach(meters::remove);
                transitions.values().forEach(meters::remove);
                if (concurrentCalls != null) {
                    meters.remove(concurrentCalls);
                }
            } finally {
                lock.unlock();
            }
        }

        private void calls(CircuitBreaker breaker, String kind, ToDoubleFunction<CircuitBreaker> count) {
            registered.add(FunctionCounter.builder("circuitbreaker.calls", breaker, count)
                    .description("Calls by outcome since creation or the last reset")
                    .tags(TAG_NAME, breaker.name(), "kind", kind).register(meters));
        }

        private void gauge(CircuitBreaker breaker, String meterName, String description, ToDoubleFunction<CircuitBreaker> value) {
            registered.add(Gauge.builder(meterName, breaker, value).description(description)
                    .tag(TAG_NAME, breaker.name()).register(meters));
        }
    }
}
