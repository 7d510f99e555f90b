package dev.circuitbreaker.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.circuitbreaker.spring.actuate.BreakerStats;
import dev.circuitbreaker.spring.actuate.CircuitBreakerEventsEndpoint;
import dev.circuitbreaker.spring.actuate.CircuitBreakerEventsEndpointRuntimeHints;
import dev.circuitbreaker.spring.dashboard.DashboardRuntimeHints;
import dev.circuitbreaker.spring.dashboard.stream.DashboardStreamRuntimeHints;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.core.annotation.AnnotatedElementUtils;

/** The events endpoint's records and the stream's stats can be read by reflection in a native image. */
class EventsAndStreamRuntimeHintsTests {

    @Test
    void theEventsEndpointsRecordsAndTheStreamsStatsAreReadableByReflection() {
        RuntimeHints hints = new RuntimeHints();
        new CircuitBreakerEventsEndpointRuntimeHints().registerHints(hints, getClass().getClassLoader());
        new DashboardStreamRuntimeHints().registerHints(hints, getClass().getClassLoader());
        for (Class<?> payload : List.of(CircuitBreakerEventsEndpoint.EventsByBreaker.class,
                CircuitBreakerEventsEndpoint.BreakerEvents.class, BreakerStats.class)) {
            assertThat(hints).as("%s is registered", payload.getSimpleName())
                    .matches(RuntimeHintsPredicates.reflection().onType(payload));
            for (RecordComponent component : payload.getRecordComponents()) {
                assertThat(hints).as("%s.%s() can be invoked", payload.getSimpleName(), component.getName())
                        .matches(RuntimeHintsPredicates.reflection().onMethod(component.getAccessor()).invoke());
            }
        }
    }

    @Test
    void theHintsComeWithTheirAutoConfigurations() {
        assertThat(imported(CircuitBreakerEventsEndpointAutoConfiguration.class))
                .containsExactly(CircuitBreakerEventsEndpointRuntimeHints.class);
        assertThat(imported(CircuitBreakerDashboardAutoConfiguration.class))
                .containsExactlyInAnyOrder(DashboardRuntimeHints.class, DashboardStreamRuntimeHints.class);
    }

    private static List<Class<? extends RuntimeHintsRegistrar>> imported(Class<?> configuration) {
        ImportRuntimeHints annotation = AnnotatedElementUtils.findMergedAnnotation(configuration, ImportRuntimeHints.class);
        return annotation == null ? List.of() : Arrays.asList(annotation.value());
    }
}
