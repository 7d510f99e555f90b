package dev.circuitbreaker.spring.redis;

import dev.circuitbreaker.CircuitBreakerRegistry;
import dev.circuitbreaker.group.GroupStoreStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * {@code circuitbreaker.group.store.connected} (tag {@code group}): 1 while the shared group's store can be used
 * (both Redis connections up and answering in time), 0 while the group runs as an in-memory group on this instance.
 * Thread-safe.
 */
public class GroupStoreMetrics implements MeterBinder {

    private final CircuitBreakerRegistry registry;

    /** @param registry the registry whose shared groups get the meter */
    public GroupStoreMetrics(CircuitBreakerRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void bindTo(MeterRegistry meters) {
        for (String group : registry.sharedGroups().keySet()) {
            Gauge.builder("circuitbreaker.group.store.connected", registry,
                    r -> r.groupStatus(group).map(GroupStoreStatus::connected).orElse(false) ? 1 : 0)
                    .description("1 while the shared group's store (Redis) can be used, 0 while the group runs in memory here")
                    .tag("group", group).register(meters);
        }
    }
}
