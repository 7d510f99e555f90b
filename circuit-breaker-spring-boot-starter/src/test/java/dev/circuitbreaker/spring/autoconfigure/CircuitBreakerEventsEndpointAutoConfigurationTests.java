package dev.circuitbreaker.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.circuitbreaker.CircuitBreakerRegistry;
import dev.circuitbreaker.spring.StarterContext;
import dev.circuitbreaker.spring.actuate.CircuitBreakerEventsEndpoint;
import dev.circuitbreaker.spring.events.CircuitBreakerEventLog;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The events endpoint, and the event log behind it, exist only where the endpoint is available. */
class CircuitBreakerEventsEndpointAutoConfigurationTests {

    private final ApplicationContextRunner runner = StarterContext.runner();

    @Test
    void withoutExposureThereIsNeitherTheEndpointNorTheLogSoNoBreakerCarriesItsListener() {
        runner.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(CircuitBreakerEventsEndpoint.class)
                .doesNotHaveBean(CircuitBreakerEventLog.class));
        runner.withPropertyValues("management.endpoints.web.exposure.include=circuitbreakers")
                .run(context -> assertThat(context).doesNotHaveBean(CircuitBreakerEventLog.class));
    }

    @Test
    void exposingItCreatesTheEndpointAndTheLog() {
        runner.withPropertyValues("management.endpoints.web.exposure.include=circuitbreakerevents")
                .run(context -> assertThat(context).hasSingleBean(CircuitBreakerEventsEndpoint.class)
                        .hasSingleBean(CircuitBreakerEventLog.class));
    }

    @Test
    void accessNoneSwitchesItOff() {
        runner.withPropertyValues("management.endpoints.web.exposure.include=*",
                        "management.endpoint.circuitbreakerevents.access=NONE")
                .run(context -> assertThat(context).doesNotHaveBean(CircuitBreakerEventsEndpoint.class)
                        .doesNotHaveBean(CircuitBreakerEventLog.class));
    }

    @Test
    void turningTheStarterOffTurnsItOff() {
        runner.withPropertyValues("circuitbreaker.enabled=false", "management.endpoints.web.exposure.include=*")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(CircuitBreakerEventsEndpoint.class)
                        .doesNotHaveBean(CircuitBreakerEventLog.class));
    }

    @Test
    void withoutActuatorThereIsNoEndpointAndNoLog() {
        runner.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate", "org.springframework.boot.health"))
                .withPropertyValues("management.endpoints.web.exposure.include=*")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(CircuitBreakerEventLog.class));
    }

    @Test
    void theApplicationsOwnLogAndEndpointWin() {
        runner.withUserConfiguration(UserBeans.class)
                .withPropertyValues("management.endpoints.web.exposure.include=circuitbreakerevents")
                .run(context -> {
                    assertThat(context.getBean(CircuitBreakerEventLog.class)).isSameAs(context.getBean("userLog"));
                    assertThat(context.getBean(CircuitBreakerEventsEndpoint.class)).isSameAs(context.getBean("userEndpoint"));
                });
    }

    @Configuration(proxyBeanMethods = false)
    static class UserBeans {

        @Bean
        CircuitBreakerEventLog userLog(CircuitBreakerRegistry registry) {
            return new CircuitBreakerEventLog(registry);
        }

        @Bean
        CircuitBreakerEventsEndpoint userEndpoint(CircuitBreakerEventLog log) {
            return new CircuitBreakerEventsEndpoint(log);
        }
    }
}
