package dev.circuitbreaker.spring.actuate;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * The breakers' health as a Spring Boot 3 health indicator ({@code org.springframework.boot.actuate.health}): a thin
 * adapter over {@link CircuitBreakersHealth}; {@link CircuitBreakersBoot4HealthIndicator} is its Boot 4 twin.
 * Thread-safe.
 */
public class CircuitBreakersBoot3HealthIndicator extends AbstractHealthIndicator {

    private final CircuitBreakersHealth health;

    /** @param health the line-neutral health of the opted-in breakers */
    public CircuitBreakersBoot3HealthIndicator(CircuitBreakersHealth health) {
        super("Circuit breaker health check failed");
        this.health = health;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        CircuitBreakersHealth.Result result = health.check();
        (result.down() ? builder.down() : builder.up()).withDetails(result.details());
    }
}
