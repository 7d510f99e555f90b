package dev.circuitbreaker.spring.autoconfigure;

import dev.circuitbreaker.spring.aop.CallObserver;
import dev.circuitbreaker.spring.observation.MicrometerCallObserver;
import io.micrometer.observation.ObservationRegistry;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * Micrometer Observation of guarded calls, when {@code circuitbreaker.observations.enabled=true}: annotated methods
 * (and Spring Cloud CircuitBreaker calls) become observations {@code circuitbreaker.call} in the application's
 * {@link ObservationRegistry}. Switched on without a registry, it fails startup rather than observing nothing.
 * Off (the default), calls pay nothing for it.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.actuate.autoconfigure.observation.ObservationAutoConfiguration",
        "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration"})
@ConditionalOnCircuitBreakerEnabled
@ConditionalOnClass(ObservationRegistry.class)
@ConditionalOnProperty(prefix = "circuitbreaker.observations", name = "enabled", havingValue = "true")
public final class CircuitBreakerObservationAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    CallObserver circuitBreakerCallObserver(ObjectProvider<ObservationRegistry> registry) {
        ObservationRegistry observations = registry.getIfAvailable();
        if (observations == null) {
            throw new InvalidCircuitBreakerPropertyException(List.of("circuitbreaker.observations.enabled=true"),
                    "there is no ObservationRegistry bean to report to; add spring-boot-starter-actuator (which "
                            + "provides one) or define one, or switch observations off", null);
        }
        return new MicrometerCallObserver(observations);
    }
}
