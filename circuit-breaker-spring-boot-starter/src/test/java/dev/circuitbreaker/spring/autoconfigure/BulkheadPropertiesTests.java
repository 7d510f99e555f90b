package dev.circuitbreaker.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.circuitbreaker.CircuitBreakerConfig;
import dev.circuitbreaker.CircuitBreakerRegistry;
import dev.circuitbreaker.spring.StarterContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.json.JsonParserFactory;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;

/** The bulkhead's and the call timeout's YAML keys: binding, startup validation and IDE metadata. */
class BulkheadPropertiesTests {

    private static final String YAML = """
            circuitbreaker:
              defaults:
                max-concurrent-calls: 20
                call-timeout: 2s
              instances:
                payments:
                  max-concurrent-calls: 4
                  call-timeout: 750ms
                inventory:
                  failure-threshold: 2
                reports:
                  max-concurrent-calls: 0     # switches the defaults' bulkhead off for this one
            """;

    @Test
    void yamlKeysBindUnderDefaultsAndInstancesAndAnInstancesValueReplacesTheDefault() {
        StarterContext.runner().withInitializer(context -> {
            try {
                for (PropertySource<?> source : new YamlPropertySourceLoader().load("bulkhead",
                        new ByteArrayResource(YAML.getBytes(StandardCharsets.UTF_8), "bulkhead.yml"))) {
                    context.getEnvironment().getPropertySources().addFirst(source);
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }).run(context -> {
            assertThat(context).hasNotFailed();
            CircuitBreakerRegistry registry = context.getBean(CircuitBreakerRegistry.class);
            assertThat(registry.defaultConfig().maxConcurrentCalls()).isEqualTo(20);
            assertThat(registry.defaultConfig().callTimeout()).isEqualTo(Duration.ofSeconds(2));
            CircuitBreakerConfig payments = registry.find("payments").orElseThrow().config();
            assertThat(payments.maxConcurrentCalls()).isEqualTo(4);
            assertThat(payments.callTimeout()).isEqualTo(Duration.ofMillis(750));
            CircuitBreakerConfig inventory = registry.find("inventory").orElseThrow().config();
            assertThat(inventory.maxConcurrentCalls()).isEqualTo(20);
            assertThat(inventory.callTimeout()).isEqualTo(Duration.ofSeconds(2));
            assertThat(registry.find("reports").orElseThrow().config().maxConcurrentCalls()).isZero();
        });
    }

    @Test
    void withoutTheKeysTheBulkheadAndTheTimeoutAreOff() {
        StarterContext.runner().withPropertyValues("circuitbreaker.instances.payments.failure-threshold=3").run(context -> {
            CircuitBreakerConfig payments = context.getBean(CircuitBreakerRegistry.class).find("payments").orElseThrow().config();
            assertThat(payments.maxConcurrentCalls()).isZero();
            assertThat(payments.callTimeout()).isNull();
        });
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                bad("circuitbreaker.instances.payments.max-concurrent-calls=-1", "must be >= 0"),
                bad("circuitbreaker.defaults.max-concurrent-calls=-5", "must be >= 0"),
                bad("circuitbreaker.instances.payments.max-concurrent-calls=lots", "lots"),
                bad("circuitbreaker.instances.payments.max-concurrent-calls=2.5", "2.5"),
                bad("circuitbreaker.instances.payments.call-timeout=0s", "must be positive"),
                bad("circuitbreaker.defaults.call-timeout=-1s", "must be positive"),
                bad("circuitbreaker.instances.payments.call-timeout=soon", "soon"),
                bad("circuitbreaker.instances.payments.call-timeout=400000d", "Long.MAX_VALUE nanoseconds"));
    }

    @ParameterizedTest(name = "startup fails on {0}")
    @MethodSource("badValues")
    void aBadValueFailsStartupNamingThePropertyAndTheValue(String property, String rule) {
        String key = property.substring(0, property.indexOf('='));
        String value = property.substring(property.indexOf('=') + 1);
        StarterContext.runner().withPropertyValues(property).run(context -> {
            assertThat(context).hasFailed();
            assertThat(StartupValidationTests.messages(context.getStartupFailure())).contains(key, value, rule);
        });
    }

    @Test
    void bothKeysHaveIdeMetadataUnderDefaultsWithTypeAndDescription() throws IOException {
        Map<String, Object> maxConcurrentCalls = property("circuitbreaker.defaults.max-concurrent-calls").orElseThrow();
        assertThat(maxConcurrentCalls).containsEntry("type", "java.lang.Integer")
                .containsEntry("defaultValue", CircuitBreakerConfig.ofDefaults().maxConcurrentCalls());
        assertThat((String) maxConcurrentCalls.get("description")).contains("BulkheadFullException").contains("0 (the default) is off");

        Map<String, Object> callTimeout = property("circuitbreaker.defaults.call-timeout").orElseThrow();
        assertThat(callTimeout).containsEntry("type", "java.time.Duration")
                .as("off by default: there is no default duration to show").doesNotContainKey("defaultValue");
        assertThat((String) callTimeout.get("description")).contains("TimeoutException")
                .contains("synchronous calls are never interrupted").contains("Off by default");
    }

    @Test
    void theIdeHintNamesZeroAsTheBulkheadSwitchedOff() throws IOException {
        List<Map<String, Object>> hints = list(metadata("META-INF/additional-spring-configuration-metadata.json"), "hints");
        assertThat(hints).filteredOn(h -> "circuitbreaker.defaults.max-concurrent-calls".equals(h.get("name")))
                .singleElement().satisfies(hint -> assertThat(list(hint, "values")).singleElement()
                        .satisfies(v -> assertThat(v).containsEntry("value", 0)));
    }

    private static Optional<Map<String, Object>> property(String name) throws IOException {
        return list(metadata("META-INF/spring-configuration-metadata.json"), "properties").stream()
                .filter(p -> name.equals(p.get("name"))).findFirst();
    }

    private static Map<String, Object> metadata(String resource) throws IOException {
        try (InputStream in = new ClassPathResource(resource).getInputStream()) {
            return JsonParserFactory.getJsonParser().parseMap(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> json, String key) {
        return (List<Map<String, Object>>) json.get(key);
    }

    private static Arguments bad(String property, String rule) {
        return Arguments.of(property, rule);
    }
}
