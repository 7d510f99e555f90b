package dev.circuitbreaker.spring;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * One starter jar runs on Spring Boot 3 and 4: its main code stays away from what Boot 4 moved or replaced, and
 * each line's health API appears only in that line's small health adapter.
 */
class BootLineNeutralityTests {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.circuitbreaker.spring");

    @Test
    void mainCodeUsesNoJacksonDatabindAndNoMovedMetricsClasses() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("com.fasterxml.jackson.databind..", "tools.jackson..",
                        "org.springframework.boot.actuate.autoconfigure.metrics..", "org.springframework.boot.autoconfigure.aop..",
                        "org.springframework.boot.micrometer..")
                .check(MAIN);
    }

    @Test
    void onlyTheBoot3HealthAdapterUsesTheBoot3HealthApi() {
        noClasses().that().doNotHaveSimpleName("Boot3HealthIndicatorConfiguration")
                .and().doNotHaveSimpleName("CircuitBreakersBoot3HealthIndicator")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.boot.actuate.health..",
                        "org.springframework.boot.actuate.autoconfigure.health..")
                .check(MAIN);
    }

    @Test
    void onlyTheBoot4HealthAdapterUsesTheBoot4HealthApi() {
        noClasses().that().doNotHaveSimpleName("Boot4HealthIndicatorConfiguration")
                .and().doNotHaveSimpleName("CircuitBreakersBoot4HealthIndicator")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.boot.health..")
                .check(MAIN);
    }
}
