package dev.circuitbreaker.spring.dashboard.stream;

import dev.circuitbreaker.spring.actuate.BreakerStats;
import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * Native-image hints for the dashboard's event stream: its {@code STATS} lines hold every component of
 * {@link BreakerStats}, which the stream's JSON writer reads through the record's accessors. Imported by the
 * dashboard's auto-configuration.
 */
public final class DashboardStreamRuntimeHints implements RuntimeHintsRegistrar {

    /** Registers the hints; a {@link RuntimeHintsRegistrar} needs a public no-argument constructor. */
    public DashboardStreamRuntimeHints() {
    }

    @Override
    public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
        new BindingReflectionHintsRegistrar().registerReflectionHints(hints.reflection(), BreakerStats.class);
    }
}
