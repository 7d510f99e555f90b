package dev.circuitbreaker.spring.actuate;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The breakers' health as a Spring Boot 4 health indicator ({@code org.springframework.boot.health.contributor},
 * module {@code spring-boot-health}): a thin adapter over {@link CircuitBreakersHealth};
 * {@link CircuitBreakersBoot3HealthIndicator} is its Boot 3 twin. Thread-safe.
 */
public class CircuitBreakersBoot4HealthIndicator extends AbstractHealthIndicator {

    private final CircuitBreakersHealth health;

    /** @param health the line-neutral health of the opted-in breakers */
    public CircuitBreakersBoot4HealthIndicator(CircuitBreakersHealth health) {
        super("Circuit breaker health check failed");
        this.health = health;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        CircuitBreakersHealth.Result result = health.check();
        (result.down() ? builder.down() : builder.up()).withDetails(result.details());
    }
}
