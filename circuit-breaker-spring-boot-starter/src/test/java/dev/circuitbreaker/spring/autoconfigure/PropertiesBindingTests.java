package dev.circuitbreaker.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.circuitbreaker.CircuitBreakerConfig;
import dev.circuitbreaker.CircuitBreakerRegistry;
import dev.circuitbreaker.SlidingWindowType;
import dev.circuitbreaker.spring.StarterContext;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.json.JsonParserFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.env.PropertySource;

class PropertiesBindingTests {

    @Test
    void theSpecExampleYamlBindsAsWritten() {
        StarterContext.runner().withInitializer(context -> {
            try {
                for (PropertySource<?> source : new YamlPropertySourceLoader().load("spec-example", new ClassPathResource("spec-example.yml"))) {
                    context.getEnvironment().getPropertySources().addFirst(source);
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }).run(context -> {
            assertThat(context).hasNotFailed().hasBean("circuitBreakersHealthIndicator");
            CircuitBreakerRegistry registry = context.getBean(CircuitBreakerRegistry.class);
            assertThat(registry.defaultConfig().failureThreshold()).isEqualTo(5);
            CircuitBreakerConfig payments = registry.find("payments").orElseThrow().config();
            assertThat(payments.failureThreshold()).isEqualTo(3);
            assertThat(payments.waitDurationInOpenState()).isEqualTo(Duration.ofSeconds(5));
            assertThat(payments.slidingWindowType()).isEqualTo(SlidingWindowType.COUNT_BASED);
            assertThat(payments.recordExceptions()).containsExactly(IOException.class);
            assertThat(payments.exceptionThresholds()).containsExactly(Map.entry(TimeoutException.class, 2));
            assertThat(payments.group()).isEqualTo("payments-cluster");
        });
    }

    /** The IDE metadata documents the core's defaults; this keeps the two from drifting apart. */
    @Test
    void theDocumentedDefaultsAreTheCoreDefaults() throws IOException {
        Map<String, Object> documented;
        try (InputStream in = new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream()) {
            Map<String, Object> metadata = JsonParserFactory.getJsonParser().parseMap(new String(in.readAllBytes()));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> properties = (List<Map<String, Object>>) metadata.get("properties");
            documented = properties.stream().filter(p -> p.get("defaultValue") != null)
                    .filter(p -> ((String) p.get("name")).startsWith("circuitbreaker.defaults."))
                    .collect(Collectors.toMap(p -> ((String) p.get("name")).substring("circuitbreaker.defaults.".length()),
                            p -> p.get("defaultValue")));
        }
        CircuitBreakerConfig core = CircuitBreakerConfig.ofDefaults();
        assertThat(documented).containsEntry("failure-threshold", core.failureThreshold())
                .containsEntry("sliding-window-type", "count-based")
                .containsEntry("sliding-window-size", core.slidingWindowSize())
                .containsEntry("minimum-number-of-calls", core.minimumNumberOfCalls())
                .containsEntry("slow-call-rate-threshold", (int) core.slowCallRateThreshold())
                .containsEntry("wait-duration-in-open-state", core.waitDurationInOpenState().toSeconds() + "s")
                .hasEntrySatisfying("backoff-multiplier", v -> assertThat(((Number) v).doubleValue()).isEqualTo(core.backoffMultiplier()))
                .containsEntry("max-wait-duration-in-open-state", core.maxWaitDurationInOpenState().toMinutes() + "m")
                .containsEntry("success-threshold", core.successThreshold())
                .containsEntry("max-wait-duration-in-half-open-state", core.maxWaitDurationInHalfOpenState().toSeconds() + "s")
                .containsEntry("history-size", core.historySize());
        assertThat(core.slidingWindowType()).isEqualTo(SlidingWindowType.COUNT_BASED);
    }

    @Test
    void theFailureAnalysisListsEachPropertyWithItsValueAndTheRule() {
        StarterContext.runner().withPropertyValues("circuitbreaker.defaults.sliding-window-size=4",
                "circuitbreaker.instances.payments.failure-threshold=5").run(context -> {
                    FailureAnalysis analysis = new InvalidCircuitBreakerPropertyFailureAnalyzer().analyze(context.getStartupFailure());
                    assertThat(analysis.getDescription()).contains(
                            "Property: circuitbreaker.instances.payments.failure-threshold=5",
                            "Property: circuitbreaker.defaults.sliding-window-size=4",
                            "Reason:   failureThreshold (5) must not exceed slidingWindowSize (4)");
                });
    }
}
