package dev.circuitbreaker.spring.autoconfigure;

import dev.circuitbreaker.CircuitBreakerRegistry;
import dev.circuitbreaker.spring.actuate.CircuitBreakersHealth;
import java.util.Map;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Import;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The {@code circuitBreakers} health indicator, only when at least one instance, or the defaults, set
 * {@code register-health-indicator: true}. Spring Boot 3 and 4 keep the health API in different packages, so this
 * class uses neither: it imports one small configuration per line, each behind a class condition on its line's
 * {@code HealthIndicator}, and at most one of them applies.
 */
@AutoConfiguration(after = CircuitBreakerAutoConfiguration.class)
@ConditionalOnCircuitBreakerEnabled
@ConditionalOnBean({CircuitBreakerRegistry.class, CircuitBreakerConfigurations.class})
@Conditional(CircuitBreakerHealthAutoConfiguration.OnHealthIndicatorRequested.class)
@Import({Boot3HealthIndicatorConfiguration.class, Boot4HealthIndicatorConfiguration.class})
public final class CircuitBreakerHealthAutoConfiguration {

    /** The bean name of the indicator on either line; Boot derives the component name {@code circuitBreakers}. */
    static final String INDICATOR_BEAN_NAME = "circuitBreakersHealthIndicator";

    static CircuitBreakersHealth health(CircuitBreakerRegistry registry, CircuitBreakerConfigurations configurations) {
        return new CircuitBreakersHealth(registry, configurations::registersHealthIndicator,
                configurations::allowsHealthIndicatorToFail);
    }

    /** Matches when {@code register-health-indicator} is true under defaults or any instance. */
    static final class OnHealthIndicatorRequested extends SpringBootCondition {

        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            Binder binder = Binder.get(context.getEnvironment());
            boolean byDefault = binder.bind("circuitbreaker.defaults.register-health-indicator", Boolean.class).orElse(false);
            Map<String, HealthOptIn> instances = binder.bind("circuitbreaker.instances",
                    Bindable.mapOf(String.class, HealthOptIn.class)).orElse(Map.of());
            boolean any = byDefault || instances.values().stream().anyMatch(i -> Boolean.TRUE.equals(i.registerHealthIndicator()));
            return any ? ConditionOutcome.match("a circuit breaker registers a health indicator")
                    : ConditionOutcome.noMatch("no circuit breaker sets register-health-indicator");
        }
    }

    /** Just the opt-in flag of an instance: other keys are bound, and validated, by the properties class. */
    record HealthOptIn(Boolean registerHealthIndicator) {
    }
}
