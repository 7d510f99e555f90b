package dev.circuitbreaker;

import dev.circuitbreaker.group.GroupStore;
import dev.circuitbreaker.group.GroupStoreStatus;
import dev.circuitbreaker.group.SharedGroupConfig;
import dev.circuitbreaker.internal.Circuit;
import dev.circuitbreaker.internal.SharedGroupCircuit;
import dev.circuitbreaker.internal.StateMachine;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A registry's circuit groups: one state machine per group name, shared by its member breakers, and for the groups
 * named shared, the link to the {@link GroupStore} that shares their decisions across instances. Not thread-safe:
 * the registry calls it under its lock (status reads excepted).
 */
final class CircuitGroups {

    private final Ticker ticker;
    private final GroupStore store;
    private final Map<String, SharedGroupConfig> sharing;
    private final Map<String, StateMachine> groups = new HashMap<>();
    private final Map<String, SharedGroupCircuit> shared = new ConcurrentHashMap<>();

    CircuitGroups(Ticker ticker, GroupStore store, Map<String, SharedGroupConfig> sharing) {
        this.ticker = ticker;
        this.store = store;
        this.sharing = Map.copyOf(sharing);
    }

    /** The circuit of a new breaker called {@code name}: its own, or its group's. */
    Circuit circuitFor(String name, CircuitBreakerConfig config) {
        String group = config.group();
        if (group == null) {
            return new StateMachine(config, ticker);
        }
        StateMachine machine = groups.get(group);
        if (machine == null) {
            SharedGroupConfig groupSharing = sharing.get(group);
            machine = new StateMachine(config, ticker, group, groupSharing);
            if (groupSharing != null) {
                machine.shared().attach(store);
                shared.put(group, machine.shared());
            }
            groups.put(group, machine);
        } else if (!machine.config().hasSameRulesAs(config)) {
            throw new IllegalArgumentException("circuit breaker '" + name + "' cannot join group '" + group
                    + "': its rules differ from the group's: " + config.differencesFrom(machine.config(), false));
        }
        return machine;
    }

    /** Drops {@code group} if {@code circuit}, its circuit, has no members left; a shared group is detached. */
    void memberRemoved(String group, Circuit circuit) {
        if (group == null || circuit.observers() > 0) {
            return;
        }
        groups.remove(group);
        SharedGroupCircuit gone = shared.remove(group);
        if (gone != null) {
            gone.detach();
        }
    }

    /** The store's view of a shared group that has members; empty for other names. Lock-free. */
    Optional<GroupStoreStatus> status(String group) {
        SharedGroupCircuit circuit = group == null ? null : shared.get(group);
        return circuit == null ? Optional.empty() : Optional.ofNullable(circuit.status());
    }

    /** The shared groups' configs by name, whether they have members yet or not. */
    Map<String, SharedGroupConfig> sharing() {
        return sharing;
    }
}
