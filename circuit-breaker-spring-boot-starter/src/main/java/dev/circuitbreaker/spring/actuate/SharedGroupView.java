package dev.circuitbreaker.spring.actuate;

import dev.circuitbreaker.CircuitBreaker;
import dev.circuitbreaker.CircuitBreakerRegistry;
import dev.circuitbreaker.group.GroupStoreStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A shared group as the endpoint shows it: its store's state on this instance and which instance took the decision
 * the group is in (e.g. who tripped it). Immutable.
 *
 * @param group the group's name
 * @param store the kind of store, e.g. {@code redis}
 * @param connected whether the store can be used now; while it cannot, the group runs as an in-memory group here
 * @param instance this instance's id in the store
 * @param epoch the newest epoch of the group this instance has seen
 * @param decidedBy the instance whose decision the group's state here reflects, null before any
 * @param decidedRemotely whether that was another instance
 * @param decision the state that decision installed (upper case), null before any
 * @param members this instance's breakers in the group
 */
public record SharedGroupView(String group, String store, boolean connected, String instance, long epoch,
        String decidedBy, boolean decidedRemotely, String decision, List<String> members) {

    static SharedGroupView of(GroupStoreStatus s, List<String> members) {
        return new SharedGroupView(s.group(), s.store(), s.connected(), s.instance(), s.epoch(), s.decidedBy(),
                s.decidedRemotely(), s.decision() == null ? null : s.decision().name(), members);
    }

    /** Every shared group with members in {@code registry}, by name. */
    static Map<String, SharedGroupView> all(CircuitBreakerRegistry registry) {
        Map<String, SharedGroupView> out = new LinkedHashMap<>();
        if (registry.sharedGroups().isEmpty()) {
            return out;
        }
        for (String group : registry.sharedGroups().keySet()) {
            registry.groupStatus(group).ifPresent(status -> out.put(group, of(status, registry.all().stream()
                    .filter(b -> group.equals(b.config().group())).map(CircuitBreaker::name).toList())));
        }
        return out;
    }

    /** The shared group of {@code breaker}, or null if its group is not shared. */
    static SharedGroupView of(CircuitBreakerRegistry registry, CircuitBreaker breaker) {
        String group = breaker.config().group();
        return group == null ? null : all(registry).get(group);
    }
}
