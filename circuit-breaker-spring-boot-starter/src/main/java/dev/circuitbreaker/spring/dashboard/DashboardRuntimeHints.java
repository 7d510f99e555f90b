package dev.circuitbreaker.spring.dashboard;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * Native-image hints for the dashboard: its page, script and style sheet are class-path resources under
 * {@code dev/circuitbreaker/dashboard/}, which a native image holds only when registered. Imported by the dashboard's
 * auto-configuration, so an application without the dashboard does not carry the files.
 */
public final class DashboardRuntimeHints implements RuntimeHintsRegistrar {

    /** Where the dashboard's files live on the class path. */
    static final String RESOURCES = "dev/circuitbreaker/dashboard/";

    @Override
    public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
        hints.resources().registerPattern(RESOURCES + "*");
    }
}
