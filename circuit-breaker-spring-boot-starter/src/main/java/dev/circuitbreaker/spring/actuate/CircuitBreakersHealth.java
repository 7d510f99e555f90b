package dev.circuitbreaker.spring.actuate;

import dev.circuitbreaker.CircuitBreaker;
import dev.circuitbreaker.CircuitBreakerRegistry;
import dev.circuitbreaker.CircuitState;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The health of the breakers that opted in ({@code register-health-indicator}), computed without any Spring Boot
 * health type, so the Boot 3 and the Boot 4 health indicators (whose APIs live in different packages) share it:
 * each one only turns a {@link Result} into its line's {@code Health}.
 *
 * <p>An open (or forced open) breaker makes the result DOWN only if it allows it
 * ({@code allow-health-indicator-to-fail}); otherwise the application stays UP, since its fallbacks are working.
 * Follows breakers created at run time. Thread-safe.
 */
public final class CircuitBreakersHealth {

    private final CircuitBreakerRegistry registry;
    private final Predicate<String> registered;
    private final Predicate<String> allowedToFail;

    /**
     * @param registry the breakers
     * @param registered whether a breaker (by name) shows in the health details
     * @param allowedToFail whether an open breaker (by name) makes the health DOWN
     */
    public CircuitBreakersHealth(CircuitBreakerRegistry registry, Predicate<String> registered,
            Predicate<String> allowedToFail) {
        this.registry = registry;
        this.registered = registered;
        this.allowedToFail = allowedToFail;
    }

    /** {@return the current health: each registered breaker's state and failure rate, by name} */
    public Result check() {
        boolean down = false;
        Map<String, Object> details = new LinkedHashMap<>();
        for (CircuitBreaker breaker : registry.all()) {
            if (!registered.test(breaker.name())) {
                continue;
            }
            CircuitState state = breaker.state();
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("state", state.name());
            detail.put("failureRate", breaker.stats().failureRate());
            String group = breaker.config().group();
            registry.groupStatus(group).ifPresent(store -> {
                // A shared group whose store is down still protects calls, in memory: a detail, never DOWN.
                detail.put("sharedGroup", group);
                detail.put("groupStore", store.connected() ? "UP" : "DOWN");
            });
            details.put(breaker.name(), Collections.unmodifiableMap(detail));
            if ((state == CircuitState.OPEN || state == CircuitState.FORCED_OPEN) && allowedToFail.test(breaker.name())) {
                down = true;
            }
        }
        return new Result(down, Collections.unmodifiableMap(details));
    }

    /**
     * One health check's outcome. Immutable.
     *
     * @param down whether an open breaker that may fail the health is among them
     * @param details per breaker name, a map of {@code state} (the state's name) and {@code failureRate}, and for
     *     members of a shared group {@code sharedGroup} (its name) and {@code groupStore} (UP or DOWN)
     */
    public record Result(boolean down, Map<String, Object> details) {
    }
}
