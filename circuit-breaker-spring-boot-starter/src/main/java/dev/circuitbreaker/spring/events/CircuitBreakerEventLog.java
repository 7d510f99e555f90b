package dev.circuitbreaker.spring.events;

import dev.circuitbreaker.CircuitBreaker;
import dev.circuitbreaker.CircuitBreakerRegistry;
import dev.circuitbreaker.ListenerRegistration;
import dev.circuitbreaker.RegistryListener;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The last {@value #EVENTS_PER_BREAKER} events of every breaker in a registry, oldest first. It follows the
 * registry: a breaker created at run time gets a buffer at once, a removed breaker's buffer is dropped (and a new
 * breaker of the same name starts empty). Lookups never create a breaker. Thread-safe; {@link #close()} stops it.
 *
 * <p>Recording runs on the thread that made the call, as a {@link dev.circuitbreaker.CircuitBreakerListener}: a
 * success that is not slow costs a check and allocates nothing; an event costs one small object and a lock-free
 * append. Watchers ({@link #watch}) are told after each event, on that same thread.
 */
public final class CircuitBreakerEventLog implements AutoCloseable {

    /** How many events each breaker keeps. */
    public static final int EVENTS_PER_BREAKER = 100;

    private final CircuitBreakerRegistry registry;
    private final Clock clock;
    private final int capacity;
    private final Map<CircuitBreaker, EventRecorder> recorders = new ConcurrentHashMap<>();
    private final ReentrantLock watchersLock = new ReentrantLock();
    private volatile Runnable[] watchers = new Runnable[0];
    private final Runnable notifyWatchers = this::notifyWatchers;
    private final ListenerRegistration registryListener;

    /**
     * A log of {@code registry}'s breakers, stamping events with the UTC system clock.
     *
     * @param registry the breakers to follow
     */
    public CircuitBreakerEventLog(CircuitBreakerRegistry registry) {
        this(registry, Clock.systemUTC());
    }

    /**
     * A log of {@code registry}'s breakers, stamping events with {@code clock}.
     *
     * @param registry the breakers to follow
     * @param clock what stamps the events
     */
    public CircuitBreakerEventLog(CircuitBreakerRegistry registry, Clock clock) {
        this(registry, clock, EVENTS_PER_BREAKER);
    }

    CircuitBreakerEventLog(CircuitBreakerRegistry registry, Clock clock, int capacity) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.capacity = capacity;
        this.registryListener = registry.addListener(new RegistryListener() {
            @Override
            public void onAdded(CircuitBreaker breaker) {
                follow(breaker);
            }

            @Override
            public void onRemoved(CircuitBreaker breaker) {
                forget(breaker);
            }
        });
        registry.all().forEach(this::follow);
    }

    /**
     * @param name a breaker's name
     * @return its events, oldest first; empty if the registry has no such breaker
     */
    public Optional<List<CircuitBreakerEvent>> events(String name) {
        return buffer(name).map(BreakerEventBuffer::events);
    }

    /** {@return every breaker's events, oldest first, by breaker name in name order} */
    public Map<String, List<CircuitBreakerEvent>> all() {
        Map<String, List<CircuitBreakerEvent>> all = new LinkedHashMap<>();
        buffers().forEach(buffer -> all.put(buffer.name(), buffer.events()));
        return all;
    }

    /**
     * @param name a breaker's name
     * @return its buffer, for readers that follow it; empty for an unknown name
     */
    public Optional<BreakerEventBuffer> buffer(String name) {
        return registry.find(name).map(recorders::get).map(EventRecorder::buffer);
    }

    /** {@return the buffers of every breaker the log follows now, in name order} */
    public List<BreakerEventBuffer> buffers() {
        List<BreakerEventBuffer> buffers = new ArrayList<>(recorders.size());
        recorders.values().forEach(recorder -> buffers.add(recorder.buffer()));
        buffers.sort(Comparator.comparing(BreakerEventBuffer::name));
        return buffers;
    }

    /**
     * Runs {@code watcher} after every recorded event and whenever a breaker is added or removed, on the thread
     * that caused it (often a caller's): it must be quick, must not block, and should only hand work elsewhere. One
     * that throws is not caught here; the breaker's listener handling logs it.
     *
     * @param watcher what to run
     * @return a handle that stops the calls
     */
    public ListenerRegistration watch(Runnable watcher) {
        Objects.requireNonNull(watcher, "watcher");
        watchersLock.lock();
        try {
            Runnable[] next = Arrays.copyOf(watchers, watchers.length + 1);
            next[next.length - 1] = watcher;
            watchers = next;
        } finally {
            watchersLock.unlock();
        }
        return () -> unwatch(watcher);
    }

    /** Stops following the registry and drops every buffer. Calling it again does nothing. */
    @Override
    public void close() {
        registryListener.remove();
        recorders.keySet().forEach(this::forget);
    }

    private void follow(CircuitBreaker breaker) {
        boolean[] created = {false};
        recorders.computeIfAbsent(breaker, b -> {
            created[0] = true;
            return new EventRecorder(b, clock, capacity, notifyWatchers);
        });
        // A removal can overtake the addition's notice (or the initial sweep): drop what no longer is registered.
        if (registry.find(breaker.name()).orElse(null) != breaker) {
            forget(breaker);
        } else if (created[0]) {
            notifyWatchers();
        }
    }

    private void forget(CircuitBreaker breaker) {
        EventRecorder removed = recorders.remove(breaker);
        if (removed != null) {
            removed.stop();
            notifyWatchers();
        }
    }

    private void notifyWatchers() {
        for (Runnable watcher : watchers) {
            watcher.run();
        }
    }

    private void unwatch(Runnable watcher) {
        watchersLock.lock();
        try {
            List<Runnable> next = new ArrayList<>(Arrays.asList(watchers));
            next.remove(watcher);
            watchers = next.toArray(new Runnable[0]);
        } finally {
            watchersLock.unlock();
        }
    }
}
