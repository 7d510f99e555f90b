package dev.circuitbreaker.spring.dashboard;

import java.time.Duration;

/**
 * The {@code circuitbreaker.dashboard.*} properties, bound as part of
 * {@link dev.circuitbreaker.spring.autoconfigure.CircuitBreakerProperties} so that unknown keys fail startup. Not
 * thread-safe; bound once at startup.
 */
public class DashboardProperties {

    /**
     * Whether to serve the dashboard page; off by default, since it shows (and can change) breaker state. Needs the
     * Actuator on the application's port (no management.server.port of its own).
     */
    private boolean enabled = false;

    /** Where the page is served, relative to the servlet context: starts with '/', does not end with '/'. */
    private String path = "/circuitbreakers";

    /** How often the page polls the circuitbreakers endpoint. */
    private Duration refreshInterval = Duration.ofSeconds(1);

    /** @return {@code circuitbreaker.dashboard.enabled} */
    public boolean isEnabled() {
        return enabled;
    }

    /** @param enabled {@code circuitbreaker.dashboard.enabled} */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** @return {@code circuitbreaker.dashboard.path} */
    public String getPath() {
        return path;
    }

    /**
     * @param path {@code circuitbreaker.dashboard.path}
     * @throws IllegalArgumentException unless the path starts with '/', has more than that and does not end with '/'
     */
    public void setPath(String path) {
        if (path == null || !path.startsWith("/") || path.endsWith("/") || path.contains("*") || path.contains("{")) {
            throw new IllegalArgumentException("circuitbreaker.dashboard.path must start with '/', not end with '/'"
                    + " and hold no pattern characters, but was '" + path + "'");
        }
        this.path = path;
    }

    /** @return {@code circuitbreaker.dashboard.refresh-interval} */
    public Duration getRefreshInterval() {
        return refreshInterval;
    }

    /**
     * @param refreshInterval {@code circuitbreaker.dashboard.refresh-interval}
     * @throws IllegalArgumentException unless the interval is at least 100 ms
     */
    public void setRefreshInterval(Duration refreshInterval) {
        if (refreshInterval == null || refreshInterval.toMillis() < 100) {
            throw new IllegalArgumentException("circuitbreaker.dashboard.refresh-interval must be at least 100ms, but was "
                    + refreshInterval);
        }
        this.refreshInterval = refreshInterval;
    }
}
