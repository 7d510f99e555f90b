package dev.circuitbreaker.spring.autoconfigure;

import dev.circuitbreaker.CircuitBreakerRegistry;
import dev.circuitbreaker.group.GroupStore;
import dev.circuitbreaker.group.SharedGroupConfig;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The validated {@code circuitbreaker.groups.*}: the groups shared across instances and their configs, built once
 * at startup through the core's {@link SharedGroupConfig} builder, so a bad value fails startup naming the
 * property and the value. Immutable and thread-safe.
 */
public final class SharedGroups {

    static final String GROUPS = CircuitBreakerConfigurations.PREFIX + ".groups";

    private final Map<String, SharedGroupConfig> shared;

    /**
     * @param groups {@code circuitbreaker.groups} as bound
     * @param rawValues the value of a property as the user wrote it, by canonical path, for error messages
     * @throws InvalidCircuitBreakerPropertyException if a value is invalid
     */
    public SharedGroups(Map<String, SharedGroupProperties> groups, Function<String, String> rawValues) {
        ConfigMapper mapper = new ConfigMapper(rawValues);
        Map<String, SharedGroupConfig> configs = new LinkedHashMap<>();
        groups.forEach((name, group) -> {
            String prefix = GROUPS + "." + name;
            SharedGroupConfig.Builder builder = SharedGroupConfig.builder();
            apply(mapper, prefix + ".quorum", group.getQuorum(), v -> builder.quorum(v));
            apply(mapper, prefix + ".quorum-window", group.getQuorumWindow(), builder::quorumWindow);
            apply(mapper, prefix + ".trial-lease", group.getTrialLease(), builder::trialLease);
            if (Boolean.TRUE.equals(group.getShared())) {
                configs.put(name, builder.build());
            }
        });
        this.shared = Collections.unmodifiableMap(configs);
    }

    /** @return the shared groups' configs by group name */
    public Map<String, SharedGroupConfig> configs() {
        return shared;
    }

    /**
     * Shares the groups in the registry being built through {@code store}.
     *
     * @throws InvalidCircuitBreakerPropertyException if groups are shared but there is no store (the Redis module is
     *     missing)
     */
    void applyTo(CircuitBreakerRegistry.Builder registry, GroupStore store) {
        if (shared.isEmpty()) {
            return;
        }
        if (store == null) {
            String first = shared.keySet().iterator().next();
            throw new InvalidCircuitBreakerPropertyException(List.of(GROUPS + "." + first + ".shared=true"),
                    "shared groups need a group store: add dev.circuitbreaker:circuit-breaker-redis (and Redis, "
                            + "configured with spring.data.redis.*) to the application", null);
        }
        registry.groupStore(store);
        shared.forEach(registry::sharedGroup);
    }

    private static <T> void apply(ConfigMapper mapper, String path, T value, java.util.function.Consumer<T> setter) {
        if (value == null) {
            return;
        }
        try {
            setter.accept(value);
        } catch (IllegalArgumentException e) {
            throw mapper.invalid(path, value, e.getMessage(), e);
        }
    }
}
