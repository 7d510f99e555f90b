package dev.circuitbreaker.spring.dashboard.stream;

import dev.circuitbreaker.CircuitBreakerRegistry;
import dev.circuitbreaker.ListenerRegistration;
import dev.circuitbreaker.spring.events.BreakerEventBuffer;
import dev.circuitbreaker.spring.events.CircuitBreakerEvent;
import dev.circuitbreaker.spring.events.CircuitBreakerEventLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The dashboard's live feed, whatever the web stack: on connect a client gets every breaker's stats and their
 * buffered state transitions, then each new event and each change of stats, as JSON lines
 * ({@link StreamMessages}).
 *
 * <p>Threads: callers never do more than note that something changed (one volatile read, and once per batch one
 * compare-and-set and a task hand-off); everything else runs on this stream's one daemon thread: reading the event
 * log's buffers, writing each line once, and queueing it for every client. Each client's adapter sends its queue at
 * that client's pace; a client that falls {@link StreamClient#LIVE_LIMIT} lines behind is closed, so neither a slow
 * nor a gone client holds a caller or the other clients. With no client connected nothing runs. Thread-safe;
 * {@link #close()} stops the thread and closes the clients.
 */
public final class DashboardEventStream implements AutoCloseable {

    /** How long events gather before they are sent: a burst becomes one batch. */
    static final long BATCH_MILLIS = 50;
    /** How often an idle connection hears a comment, so that proxies and the server notice a gone client. */
    static final long HEARTBEAT_SECONDS = 15;

    private static final Log LOG = LogFactory.getLog(DashboardEventStream.class);

    private final CircuitBreakerRegistry registry;
    private final CircuitBreakerEventLog log;
    private final long statsIntervalMillis;
    private final long heartbeatMillis;
    private final ScheduledThreadPoolExecutor thread;
    private final AtomicBoolean batchScheduled = new AtomicBoolean();
    private final ListenerRegistration watch;
    private volatile int connected;

    // Changed only on the stream's thread (close() reads the clients from another).
    private final List<StreamClient> clients = new CopyOnWriteArrayList<>();
    private final Map<String, FollowedBreaker> followed = new LinkedHashMap<>();
    private final Consumer<String> broadcast = this::broadcast;
    private boolean ticking;

    /**
     * @param registry the breakers whose stats are sent
     * @param log the events that are sent
     * @param statsInterval how often changed stats are sent (and how often the page would poll without the stream)
     */
    public DashboardEventStream(CircuitBreakerRegistry registry, CircuitBreakerEventLog log, Duration statsInterval) {
        this(registry, log, statsInterval, Duration.ofSeconds(HEARTBEAT_SECONDS));
    }

    DashboardEventStream(CircuitBreakerRegistry registry, CircuitBreakerEventLog log, Duration statsInterval,
            Duration heartbeatInterval) {
        this.heartbeatMillis = heartbeatInterval.toMillis();
        this.registry = Objects.requireNonNull(registry, "registry");
        this.log = Objects.requireNonNull(log, "log");
        this.statsIntervalMillis = statsInterval.toMillis();
        this.thread = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread t = new Thread(runnable, "circuitbreaker-dashboard-stream");
            t.setDaemon(true);
            return t;
        });
        this.thread.setRemoveOnCancelPolicy(true);
        this.watch = log.watch(this::changed);
    }

    /**
     * Connects a client: it gets the snapshot, then everything live, until it or the stream is closed.
     *
     * @param client the new client
     */
    public void connect(StreamClient client) {
        client.attach(this);
        run(() -> {
            if (client.isClosed()) {
                return;
            }
            sendEvents();
            snapshot(client);
            clients.add(client);
            connected = clients.size();
            startTicking();
            flush();
        });
        if (thread.isShutdown()) {
            client.close();
        }
    }

    /** {@return how many clients are connected now} */
    public int connectedClients() {
        return connected;
    }

    /** Closes every client and stops the thread. */
    @Override
    public void close() {
        watch.remove();
        thread.shutdownNow();
        clients.forEach(StreamClient::close);
    }

    void disconnect(StreamClient client) {
        run(() -> {
            clients.remove(client);
            connected = clients.size();
        });
    }

    /** On a caller's thread: something was recorded, or a breaker came or went. */
    private void changed() {
        if (connected > 0 && !batchScheduled.get() && batchScheduled.compareAndSet(false, true)) {
            try {
                thread.schedule(this::batch, BATCH_MILLIS, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopped) {
                // closed: nobody is listening any more
            }
        }
    }

    private void batch() {
        batchScheduled.set(false);
        guarded(() -> {
            sendEvents();
            flush();
        });
    }

    private void tick() {
        guarded(() -> {
            if (clients.isEmpty()) {
                return;
            }
            sendEvents();
            followed.values().forEach(this::sendStatsIfChanged);
            flush();
        });
    }

    private void heartbeat() {
        guarded(() -> {
            clients.forEach(StreamClient::offerHeartbeat);
            flush();
        });
    }

    private void startTicking() {
        if (!ticking) {
            ticking = true;
            thread.scheduleWithFixedDelay(this::tick, statsIntervalMillis, statsIntervalMillis, TimeUnit.MILLISECONDS);
            thread.scheduleAtFixedRate(this::heartbeat, heartbeatMillis, heartbeatMillis, TimeUnit.MILLISECONDS);
        }
    }

    /** Brings every followed buffer up to date: new events and stats go to the clients; breakers gone are announced. */
    private void sendEvents() {
        Set<String> present = new HashSet<>();
        for (BreakerEventBuffer buffer : log.buffers()) {
            String name = buffer.name();
            present.add(name);
            FollowedBreaker f = followed.get(name);
            if (f != null && f.buffer != buffer) {
                broadcast(StreamMessages.removed(name));
                f = null;
            }
            if (f == null) {
                f = new FollowedBreaker(buffer, clients.isEmpty() ? buffer.nextSequence() : 0);
                followed.put(name, f);
                sendStatsIfChanged(f);
            }
            if (f.readNew(broadcast)) {
                sendStatsIfChanged(f);
            }
        }
        for (Iterator<String> names = followed.keySet().iterator(); names.hasNext(); ) {
            String name = names.next();
            if (!present.contains(name)) {
                names.remove();
                broadcast(StreamMessages.removed(name));
            }
        }
    }

    private void sendStatsIfChanged(FollowedBreaker f) {
        registry.find(f.buffer.name()).ifPresent(breaker -> {
            Map<String, Object> stats = StreamMessages.statsFields(registry, breaker);
            if (StreamMessages.changed(f.lastStats, stats)) {
                f.lastStats = stats;
                broadcast(StreamMessages.stats(stats));
            }
        });
    }

    /** On connect: every breaker's current stats, then its buffered transitions up to where the live feed goes on. */
    private void snapshot(StreamClient client) {
        List<String> transitions = new ArrayList<>();
        for (FollowedBreaker f : followed.values()) {
            registry.find(f.buffer.name()).ifPresent(breaker ->
                    client.offer(StreamMessages.stats(StreamMessages.statsFields(registry, breaker)), true));
            for (CircuitBreakerEvent event : f.buffer.events()) {
                if (event.type() == CircuitBreakerEvent.Type.STATE_TRANSITION && event.sequence() < f.position) {
                    transitions.add(StreamMessages.event(event, 1));
                }
            }
        }
        transitions.forEach(line -> client.offer(line, true));
        client.offer(StreamMessages.snapshotEnd(followed.size()), true);
    }

    private void broadcast(String line) {
        for (StreamClient client : clients) {
            client.offer(line, false);
        }
    }

    private void flush() {
        for (StreamClient client : clients) {
            if (!client.isClosed()) {
                client.linesWaiting();
            }
        }
    }

    private void run(Runnable task) {
        try {
            thread.execute(() -> guarded(task));
        } catch (RejectedExecutionException stopped) {
            // closed: close() has closed the clients
        }
    }

    private static void guarded(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.warn("circuit breaker dashboard stream: " + e, e);
        }
    }
}
