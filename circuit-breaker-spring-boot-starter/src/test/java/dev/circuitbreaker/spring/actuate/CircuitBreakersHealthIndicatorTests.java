package dev.circuitbreaker.spring.actuate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

import dev.circuitbreaker.CircuitBreakerRegistry;
import dev.circuitbreaker.spring.StarterContext;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The opt-in health indicator, through whichever health API the Boot line on the class path has. */
class CircuitBreakersHealthIndicatorTests {

    private static final String INDICATOR = "circuitBreakersHealthIndicator";

    private final ApplicationContextRunner runner = StarterContext.runner();

    @Test
    void thereIsNoIndicatorWhenNoInstanceOptsIn() {
        runner.withPropertyValues("circuitbreaker.instances.payments.failure-threshold=2")
                .run(context -> assertThat(context).doesNotHaveBean(INDICATOR));
    }

    @Test
    void theIndicatorCanBeSwitchedOffLikeAnyOther() {
        runner.withPropertyValues("circuitbreaker.instances.payments.register-health-indicator=true",
                "management.health.circuitbreakers.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(INDICATOR));
    }

    @Test
    void theIndicatorIsTheOneForTheBootLineOnTheClassPath() {
        runner.withPropertyValues("circuitbreaker.instances.payments.register-health-indicator=true")
                .run(context -> assertThat(context.getBean(INDICATOR)).isExactlyInstanceOf(BootLineHealth.INDICATOR_TYPE));
    }

    @Test
    void anOpenBreakerShowsInTheDetailsButKeepsTheApplicationUp() {
        runner.withPropertyValues("circuitbreaker.instances.payments.register-health-indicator=true",
                "circuitbreaker.instances.inventory.failure-threshold=2").run(context -> {
                    registry(context).find("payments").orElseThrow().transitionToOpen();
                    IndicatorHealth health = BootLineHealth.check(context);
                    assertThat(health.status()).isEqualTo("UP");
                    assertThat(health.details()).containsOnlyKeys("payments");
                    assertThat(health.details().get("payments")).asInstanceOf(MAP)
                            .containsEntry("state", "OPEN");
                });
    }

    @Test
    void anOpenBreakerThatAllowsItMakesTheIndicatorDown() {
        runner.withPropertyValues("circuitbreaker.instances.payments.register-health-indicator=true",
                "circuitbreaker.instances.payments.allow-health-indicator-to-fail=true").run(context -> {
                    assertThat(BootLineHealth.check(context).status()).isEqualTo("UP");
                    registry(context).find("payments").orElseThrow().transitionToOpen();
                    assertThat(BootLineHealth.check(context).status()).isEqualTo("DOWN");
                });
    }

    @Test
    void breakersNamedOnlyInAnnotationsOrCreatedLaterFollowTheDefaults() {
        runner.withPropertyValues("circuitbreaker.defaults.register-health-indicator=true",
                "circuitbreaker.instances.quiet.register-health-indicator=false").run(context -> {
                    registry(context).circuitBreaker("created-later");
                    assertThat(BootLineHealth.check(context).details()).containsOnlyKeys("created-later");
                    assertThat(BootLineHealth.check(context).details().get("created-later")).asInstanceOf(MAP).containsEntry("state", "CLOSED");
                });
    }

    private static CircuitBreakerRegistry registry(AssertableApplicationContext context) {
        return context.getBean(CircuitBreakerRegistry.class);
    }
}
