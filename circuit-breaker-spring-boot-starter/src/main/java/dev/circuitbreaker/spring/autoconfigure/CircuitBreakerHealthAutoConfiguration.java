package dev.circuitbreaker.spring.autoconfigure;

import dev.circuitbreaker.CircuitBreakerRegistry;
import dev.circuitbreaker.spring.actuate.CircuitBreakersHealthIndicator;
import java.util.Map;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The {@code circuitBreakers} health indicator (Boot 3 health API), only when at least one instance, or the
 * defaults, set {@code register-health-indicator: true}. Kept apart from the other auto-configurations so a Boot 4
 * variant can sit beside it.
 */
@AutoConfiguration(after = CircuitBreakerAutoConfiguration.class)
@ConditionalOnCircuitBreakerEnabled
@ConditionalOnClass({HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class})
@ConditionalOnBean({CircuitBreakerRegistry.class, CircuitBreakerConfigurations.class})
@Conditional(CircuitBreakerHealthAutoConfiguration.OnHealthIndicatorRequested.class)
public final class CircuitBreakerHealthAutoConfiguration {

    /** The enabled-indicator condition sits here: on the class it would be loaded before the class check. */
    @Bean
    @ConditionalOnMissingBean(name = "circuitBreakersHealthIndicator")
    @ConditionalOnEnabledHealthIndicator("circuitbreakers")
    CircuitBreakersHealthIndicator circuitBreakersHealthIndicator(CircuitBreakerRegistry registry,
            CircuitBreakerConfigurations configurations) {
        return new CircuitBreakersHealthIndicator(registry, configurations::registersHealthIndicator,
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
