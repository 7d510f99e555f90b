package dev.circuitbreaker.spring.actuate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

import dev.circuitbreaker.CircuitBreakerRegistry;
import dev.circuitbreaker.spring.StarterContext;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class CircuitBreakersHealthIndicatorTests {

    private final ApplicationContextRunner runner = StarterContext.runner();

    @Test
    void thereIsNoIndicatorWhenNoInstanceOptsIn() {
        runner.withPropertyValues("circuitbreaker.instances.payments.failure-threshold=2")
                .run(context -> assertThat(context).doesNotHaveBean(CircuitBreakersHealthIndicator.class));
    }

    @Test
    void theIndicatorCanBeSwitchedOffLikeAnyOther() {
        runner.withPropertyValues("circuitbreaker.instances.payments.register-health-indicator=true",
                "management.health.circuitbreakers.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(CircuitBreakersHealthIndicator.class));
    }

    @Test
    void anOpenBreakerShowsInTheDetailsButKeepsTheApplicationUp() {
        runner.withPropertyValues("circuitbreaker.instances.payments.register-health-indicator=true",
                "circuitbreaker.instances.inventory.failure-threshold=2").run(context -> {
                    registry(context).find("payments").orElseThrow().transitionToOpen();
                    Health health = health(context);
                    assertThat(health.getStatus()).isEqualTo(Status.UP);
                    assertThat(health.getDetails()).containsOnlyKeys("payments");
                    assertThat(health.getDetails().get("payments")).asInstanceOf(MAP)
                            .containsEntry("state", "OPEN");
                });
    }

    @Test
    void anOpenBreakerThatAllowsItMakesTheIndicatorDown() {
        runner.withPropertyValues("circuitbreaker.instances.payments.register-health-indicator=true",
                "circuitbreaker.instances.payments.allow-health-indicator-to-fail=true").run(context -> {
                    assertThat(health(context).getStatus()).isEqualTo(Status.UP);
                    registry(context).find("payments").orElseThrow().transitionToOpen();
                    assertThat(health(context).getStatus()).isEqualTo(Status.DOWN);
                });
    }

    @Test
    void breakersNamedOnlyInAnnotationsOrCreatedLaterFollowTheDefaults() {
        runner.withPropertyValues("circuitbreaker.defaults.register-health-indicator=true",
                "circuitbreaker.instances.quiet.register-health-indicator=false").run(context -> {
                    registry(context).circuitBreaker("created-later");
                    assertThat(health(context).getDetails()).containsOnlyKeys("created-later");
                    assertThat(health(context).getDetails().get("created-later")).asInstanceOf(MAP).containsEntry("state", "CLOSED");
                });
    }

    private static CircuitBreakerRegistry registry(AssertableApplicationContext context) {
        return context.getBean(CircuitBreakerRegistry.class);
    }

    private static Health health(AssertableApplicationContext context) {
        return context.getBean(CircuitBreakersHealthIndicator.class).health();
    }
}
