package dev.circuitbreaker.spring.actuate;

import dev.circuitbreaker.CircuitBreaker;
import dev.circuitbreaker.CircuitBreakerRegistry;
import dev.circuitbreaker.CircuitState;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * Health of the breakers that opted in ({@code register-health-indicator}): each one's state in the details. An
 * open (or forced open) breaker makes the result DOWN only if it allows it ({@code allow-health-indicator-to-fail});
 * otherwise the application stays UP, since its fallbacks are working. Follows breakers created at run time.
 * Thread-safe.
 */
public class CircuitBreakersHealthIndicator extends AbstractHealthIndicator {

    private final CircuitBreakerRegistry registry;
    private final Predicate<String> registered;
    private final Predicate<String> allowedToFail;

    /**
     * @param registered whether a breaker (by name) shows in this indicator
     * @param allowedToFail whether an open breaker (by name) makes it DOWN
     */
    public CircuitBreakersHealthIndicator(CircuitBreakerRegistry registry, Predicate<String> registered,
            Predicate<String> allowedToFail) {
        super("Circuit breaker health check failed");
        this.registry = registry;
        this.registered = registered;
        this.allowedToFail = allowedToFail;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        boolean down = false;
        Map<String, Object> details = new LinkedHashMap<>();
        for (CircuitBreaker breaker : registry.all()) {
            if (!registered.test(breaker.name())) {
                continue;
            }
            CircuitState state = breaker.state();
            details.put(breaker.name(), Map.of("state", state.name(), "failureRate", breaker.stats().failureRate()));
            if ((state == CircuitState.OPEN || state == CircuitState.FORCED_OPEN) && allowedToFail.test(breaker.name())) {
                down = true;
            }
        }
        (down ? builder.down() : builder.up()).withDetails(details);
    }
}
