package dev.circuitbreaker;

import dev.circuitbreaker.group.GroupStore;
import dev.circuitbreaker.group.GroupStoreStatus;
import dev.circuitbreaker.group.SharedGroupConfig;
import dev.circuitbreaker.internal.ListenerList;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Breakers by name, created on first use from a default config, and the home of circuit groups: breakers of one
 * registry whose configs name the same group share one state machine (state, window, trial permits, open timer)
 * while each keeps its own counters, history and listeners. Thread-safe: lookups are lock-free, creation and
 * removal are serialized.
 *
 * <p>A group named with {@link Builder#sharedGroup} is also shared with the other instances of the service
 * through the registry's {@link GroupStore} (see {@code dev.circuitbreaker.group}): a trip opens the group
 * everywhere, one instance runs the group's trial, and manual transitions apply group-wide. Calls are still decided
 * in memory, and a store that is down leaves the group working as an in-memory group.
 */
public final class CircuitBreakerRegistry {

    private final CircuitBreakerConfig defaultConfig;
    private final Ticker ticker;
    private final Clock clock;
    private final ConcurrentHashMap<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();
    private final CircuitGroups groups;
    private final ReentrantLock lock = new ReentrantLock();
    private final ListenerList<RegistryListener> listeners = new ListenerList<>();

    private CircuitBreakerRegistry(Builder builder) {
        this.defaultConfig = builder.defaultConfig;
        this.ticker = builder.ticker;
        this.clock = builder.clock;
        this.groups = new CircuitGroups(builder.ticker, builder.groupStore, builder.sharedGroups);
    }

    /**
     * A registry whose breakers default to {@code defaultConfig}.
     *
     * @param defaultConfig the config of breakers created by name alone
     * @return the registry
     * @throws IllegalArgumentException if the config is null or names a group
     */
    public static CircuitBreakerRegistry of(CircuitBreakerConfig defaultConfig) {
        return builder().defaultConfig(defaultConfig).build();
    }

    /** {@return a registry whose breakers default to {@link CircuitBreakerConfig#ofDefaults()}} */
    public static CircuitBreakerRegistry ofDefaults() {
        return builder().build();
    }

    /** {@return a builder of a registry with the default config, the system ticker and the UTC clock} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The breaker called {@code name}, created with the default config if there is none yet.
     *
     * @param name the breaker's name
     * @return the registry's breaker of that name
     * @throws IllegalArgumentException if the name is blank
     */
    public CircuitBreaker circuitBreaker(String name) {
        CircuitBreaker existing = breakers.get(Arguments.requireName(name));
        return existing != null ? existing : create(name, defaultConfig, false);
    }

    /**
     * The breaker called {@code name}, created with {@code config} if there is none yet.
     *
     * @param name the breaker's name
     * @param config its config if it has to be created
     * @return the registry's breaker of that name
     * @throws IllegalArgumentException if a breaker of that name exists with a different config, or the config's
     *     group has members whose rules differ
     */
    public CircuitBreaker circuitBreaker(String name, CircuitBreakerConfig config) {
        Arguments.requireNonNull("config", config);
        CircuitBreaker existing = breakers.get(Arguments.requireName(name));
        if (existing != null) {
            return checkSameConfig(existing, config);
        }
        return create(name, config, true);
    }

    /**
     * The breaker called {@code name}, if there is one; never creates one.
     *
     * @param name the breaker's name
     * @return the breaker, or empty
     */
    public Optional<CircuitBreaker> find(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(breakers.get(name));
    }

    /** {@return every breaker, sorted by name: a snapshot} */
    public List<CircuitBreaker> all() {
        List<CircuitBreaker> all = new ArrayList<>(breakers.values());
        all.sort(Comparator.comparing(CircuitBreaker::name));
        return List.copyOf(all);
    }

    /**
     * Removes the breaker called {@code name} and returns it, if there was one; a group without members is dropped.
     *
     * @param name the breaker's name
     * @return the removed breaker, or empty
     */
    public Optional<CircuitBreaker> remove(String name) {
        CircuitBreaker removed;
        lock.lock();
        try {
            removed = name == null ? null : breakers.remove(name);
            if (removed != null) {
                removed.detach();
                groups.memberRemoved(removed.config().group(), removed.circuit());
            }
        } finally {
            lock.unlock();
        }
        if (removed != null) {
            CircuitBreaker gone = removed;
            listeners.forEach("registry", l -> l.onRemoved(gone));
        }
        return Optional.ofNullable(removed);
    }

    /**
     * Replaces the config of the live breaker called {@code name} in place: the same instance keeps its counters,
     * history, listeners and state (an OPEN breaker stays OPEN with its remaining wait); a CLOSED window whose shape
     * changed (type, size, exception-threshold types) starts empty. In a circuit group the new rules apply to every
     * member, and each member keeps its own {@code historySize}. Listeners hear nothing: no state changes.
     *
     * @param name the breaker's name
     * @param config its new config
     * @return the reconfigured breaker
     * @throws IllegalArgumentException if the config is null, there is no breaker of that name, or the config names
     *     another group than the breaker's (a group is fixed for a breaker's life); the old config then stays
     */
    public CircuitBreaker reconfigure(String name, CircuitBreakerConfig config) {
        Arguments.requireNonNull("config", config);
        CircuitBreaker breaker;
        Map<CircuitBreaker, CircuitBreakerConfig> changed = new LinkedHashMap<>();
        lock.lock();
        try {
            breaker = breakers.get(Arguments.requireName(name));
            if (breaker == null) {
                throw new IllegalArgumentException("no circuit breaker named '" + name + "' to reconfigure");
            }
            CircuitBreakerConfig old = breaker.config();
            if (!Objects.equals(old.group(), config.group())) {
                throw new IllegalArgumentException("circuit breaker '" + name + "' cannot move from group "
                        + old.group() + " to " + config.group() + " at run time; remove it and create it again");
            }
            if (old.equals(config)) {
                return breaker;
            }
            breaker.circuit().reconfigure(config);
            for (CircuitBreaker member : breakers.values()) {
                boolean target = member == breaker;
                if (target || config.group() != null && config.group().equals(member.config().group())) {
                    CircuitBreakerConfig next = target ? config
                            : config.toBuilder().historySize(member.config().historySize()).build();
                    CircuitBreakerConfig previous = member.config();
                    if (!previous.equals(next)) {
                        member.reconfigure(next);
                        changed.put(member, previous);
                    }
                }
            }
        } finally {
            lock.unlock();
        }
        changed.forEach((member, previous) -> listeners.forEach("registry", l -> l.onReconfigured(member, previous)));
        return breaker;
    }

    /** {@return the config of breakers created by name alone} */
    public CircuitBreakerConfig defaultConfig() {
        return defaultConfig;
    }

    /**
     * The store's view of the shared group called {@code group} (connected or not, its epoch, which instance took
     * the decision it is in); empty if that group is not shared or has no member yet. Lock-free, no I/O.
     *
     * @param group the group's name
     * @return the store's view, if the group is shared and has members
     */
    public Optional<GroupStoreStatus> groupStatus(String group) {
        return groups.status(group);
    }

    /** {@return the configs of the groups shared across instances, by group name (see {@link Builder#sharedGroup})} */
    public Map<String, SharedGroupConfig> sharedGroups() {
        return groups.sharing();
    }

    /**
     * Hears breakers being added, removed and reconfigured.
     *
     * @param listener the listener
     * @return the handle that removes it
     * @throws IllegalArgumentException if the listener is null
     */
    public ListenerRegistration addListener(RegistryListener listener) {
        return listeners.add(listener);
    }

    private CircuitBreaker create(String name, CircuitBreakerConfig config, boolean sameConfigRequired) {
        CircuitBreaker created;
        lock.lock();
        try {
            CircuitBreaker existing = breakers.get(name);
            if (existing != null) {
                return sameConfigRequired ? checkSameConfig(existing, config) : existing;
            }
            created = new CircuitBreaker(name, config, ticker, clock, groups.circuitFor(name, config));
            breakers.put(name, created);
        } finally {
            lock.unlock();
        }
        listeners.forEach("registry", l -> l.onAdded(created));
        return created;
    }

    private static CircuitBreaker checkSameConfig(CircuitBreaker existing, CircuitBreakerConfig config) {
        if (!existing.config().equals(config)) {
            throw new IllegalArgumentException("circuit breaker '" + existing.name()
                    + "' exists with a different config: " + config.differencesFrom(existing.config(), true));
        }
        return existing;
    }

    /** Builds a {@link CircuitBreakerRegistry}. Not thread-safe. */
    public static final class Builder {

        private CircuitBreakerConfig defaultConfig = CircuitBreakerConfig.ofDefaults();
        private Ticker ticker = Ticker.systemTicker();
        private Clock clock = Clock.systemUTC();
        private GroupStore groupStore;
        private final Map<String, SharedGroupConfig> sharedGroups = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * The config of breakers created by name alone; default {@link CircuitBreakerConfig#ofDefaults()}.
         *
         * @param defaultConfig the config
         * @return this builder
         * @throws IllegalArgumentException if null
         */
        public Builder defaultConfig(CircuitBreakerConfig defaultConfig) {
            this.defaultConfig = Arguments.requireNonNull("defaultConfig", defaultConfig);
            return this;
        }

        /**
         * The ticker every breaker of the registry measures with; default {@link Ticker#systemTicker()}.
         *
         * @param ticker the ticker
         * @return this builder
         * @throws IllegalArgumentException if null
         */
        public Builder ticker(Ticker ticker) {
            this.ticker = Arguments.requireNonNull("ticker", ticker);
            return this;
        }

        /**
         * The clock that stamps history entries; default UTC.
         *
         * @param clock the clock
         * @return this builder
         * @throws IllegalArgumentException if null
         */
        public Builder clock(Clock clock) {
            this.clock = Arguments.requireNonNull("clock", clock);
            return this;
        }

        /**
         * The store through which the {@linkplain #sharedGroup shared groups} share their decisions with the other
         * instances of the service; none by default. The registry does not close it: its owner does.
         *
         * @param groupStore the group store
         * @return this builder
         */
        public Builder groupStore(GroupStore groupStore) {
            this.groupStore = Arguments.requireNonNull("groupStore", groupStore);
            return this;
        }

        /**
         * Shares the circuit group called {@code group} across instances through the {@link #groupStore}; no group
         * is shared by default. Its members are the breakers whose config names the group, as for any group.
         *
         * @param config the config
         * @param group the group
         * @return this builder
         * @throws IllegalArgumentException if the name is blank or the config null
         */
        public Builder sharedGroup(String group, SharedGroupConfig config) {
            sharedGroups.put(Arguments.requireName(group), Arguments.requireNonNull("config", config));
            return this;
        }

        /**
         * Builds the registry.
         *
         * @return the registry
         * @throws IllegalArgumentException if the default config names a group (every breaker would join it), or
         *     groups are shared without a group store
         */
        public CircuitBreakerRegistry build() {
            if (defaultConfig.group() != null) {
                throw new IllegalArgumentException("defaultConfig must not name a group but names \"" + defaultConfig.group() + '"');
            }
            if (!sharedGroups.isEmpty() && groupStore == null) {
                throw new IllegalArgumentException("groupStore must not be null but was null: shared groups "
                        + sharedGroups.keySet() + " need one");
            }
            return new CircuitBreakerRegistry(this);
        }
    }
}
