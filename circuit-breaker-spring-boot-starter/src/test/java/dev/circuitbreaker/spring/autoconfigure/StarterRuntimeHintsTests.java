package dev.circuitbreaker.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.circuitbreaker.spring.actuate.BreakerDetails;
import dev.circuitbreaker.spring.actuate.BreakerStats;
import dev.circuitbreaker.spring.actuate.CircuitBreakersEndpoint;
import dev.circuitbreaker.spring.actuate.CircuitBreakersEndpointRuntimeHints;
import dev.circuitbreaker.spring.dashboard.CircuitBreakerDashboardAutoConfiguration;
import dev.circuitbreaker.spring.dashboard.DashboardRuntimeHints;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.aot.AotServices;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.javapoet.ClassName;
import org.springframework.web.client.HttpClientErrorException;

/**
 * The starter's native-image hints besides the annotated beans' (GuardedMethodsAotProcessorTests): the endpoint's
 * payload records, the dashboard's files and the exception types named in the configuration, each checked with
 * Spring's {@link RuntimeHintsPredicates}, and each wired where Spring AOT looks for it.
 */
class StarterRuntimeHintsTests {

    @Test
    void everyEndpointPayloadRecordCanBeWrittenAsJsonInANativeImage() {
        RuntimeHints hints = new RuntimeHints();
        new CircuitBreakersEndpointRuntimeHints().registerHints(hints, getClass().getClassLoader());

        for (Class<?> payload : new Class<?>[] {CircuitBreakersEndpoint.BreakerList.class, BreakerStats.class,
                BreakerDetails.class, BreakerDetails.HistoryEntry.class}) {
            assertThat(hints).as("%s is registered", payload.getSimpleName())
                    .matches(RuntimeHintsPredicates.reflection().onType(payload));
            for (RecordComponent component : payload.getRecordComponents()) {
                assertThat(hints).as("%s.%s() can be invoked", payload.getSimpleName(), component.getName())
                        .matches(RuntimeHintsPredicates.reflection().onMethod(component.getAccessor()).invoke());
            }
        }
    }

    @Test
    void theDashboardsFilesAreInTheNativeImage() {
        RuntimeHints hints = new RuntimeHints();
        new DashboardRuntimeHints().registerHints(hints, getClass().getClassLoader());

        for (String file : new String[] {"index.html", "dashboard.js", "dashboard.css"}) {
            String resource = "dev/circuitbreaker/dashboard/" + file;
            assertThat(getClass().getClassLoader().getResource(resource)).as("%s is in the jar", resource).isNotNull();
            assertThat(hints).as(resource).matches(RuntimeHintsPredicates.resource().forResource(resource));
        }
        assertThat(hints).matches(RuntimeHintsPredicates.resource().forResource("dev/circuitbreaker/other.txt").negate());
    }

    @Test
    void theEndpointAndDashboardHintsComeWithTheirAutoConfigurationsOnly() {
        assertThat(importedHints(CircuitBreakerEndpointAutoConfiguration.class))
                .containsExactly(CircuitBreakersEndpointRuntimeHints.class);
        assertThat(importedHints(CircuitBreakerDashboardAutoConfiguration.class)).containsExactly(DashboardRuntimeHints.class);
    }

    @Test
    void exceptionTypesNamedInTheConfigurationCanBeLoadedByNameInANativeImage() {
        DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", Map.of(
                "circuitbreaker.defaults.record-exceptions", "java.io.IOException",
                "circuitbreaker.instances.payments.ignore-exceptions[0]",
                "org.springframework.web.client.HttpClientErrorException",
                "circuitbreaker.instances.payments.exception-thresholds.[java.util.concurrent.TimeoutException]", "2")));
        beanFactory.registerSingleton(ConfigurableApplicationContext.ENVIRONMENT_BEAN_NAME, environment);

        BeanFactoryInitializationAotContribution contribution =
                new ConfiguredExceptionTypesAotProcessor().processAheadOfTime(beanFactory);
        assertThat(contribution).isNotNull();
        DefaultGenerationContext generationContext = generationContext();
        contribution.applyTo(generationContext, null);

        RuntimeHints hints = generationContext.getRuntimeHints();
        assertThat(hints).matches(RuntimeHintsPredicates.reflection().onType(IOException.class))
                .matches(RuntimeHintsPredicates.reflection().onType(HttpClientErrorException.class))
                .matches(RuntimeHintsPredicates.reflection().onType(TimeoutException.class))
                .matches(RuntimeHintsPredicates.reflection().onType(IllegalStateException.class).negate());
    }

    @Test
    void withoutConfiguredExceptionTypesThereIsNothingToContribute() {
        DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
        beanFactory.registerSingleton(ConfigurableApplicationContext.ENVIRONMENT_BEAN_NAME, new StandardEnvironment());

        assertThat(new ConfiguredExceptionTypesAotProcessor().processAheadOfTime(beanFactory)).isNull();
    }

    @Test
    void springAotFindsTheExceptionTypesProcessorInAotFactories() {
        assertThat(AotServices.factories().load(BeanFactoryInitializationAotProcessor.class))
                .hasAtLeastOneElementOfType(ConfiguredExceptionTypesAotProcessor.class);
    }

    /** What {@code process-aot} hands a contribution: generated files kept in memory here. */
    static DefaultGenerationContext generationContext() {
        return new DefaultGenerationContext(new ClassNameGenerator(ClassName.get("dev.circuitbreaker.aot", "Test")),
                new InMemoryGeneratedFiles());
    }

    private static Class<?>[] importedHints(Class<?> configuration) {
        ImportRuntimeHints imported = AnnotatedElementUtils.findMergedAnnotation(configuration, ImportRuntimeHints.class);
        assertThat(imported).as("@ImportRuntimeHints on %s", configuration.getSimpleName()).isNotNull();
        return imported.value();
    }
}
