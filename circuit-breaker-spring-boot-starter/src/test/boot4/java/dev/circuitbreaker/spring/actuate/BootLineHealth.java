package dev.circuitbreaker.spring.actuate;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.ApplicationContext;

/** Spring Boot 4's health API for the line-neutral tests; {@code src/test/boot3/java} has the Boot 3 twin. */
public final class BootLineHealth {

    /** The indicator type the starter must pick on this line. */
    public static final Class<?> INDICATOR_TYPE = CircuitBreakersBoot4HealthIndicator.class;

    private BootLineHealth() {
    }

    /** Asks the context's {@code circuitBreakersHealthIndicator} bean for its health. */
    public static IndicatorHealth check(ApplicationContext context) {
        Health health = context.getBean("circuitBreakersHealthIndicator", HealthIndicator.class).health();
        return new IndicatorHealth(health.getStatus().getCode(), health.getDetails());
    }
}
