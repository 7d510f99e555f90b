package dev.circuitbreaker.spring;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The starter must later run unchanged on Spring Boot 4: its main code stays away from what Boot 4 moved or
 * replaced, and keeps the Boot 3 health API in the two classes a Boot 4 adapter will sit beside.
 */
class Boot4ReadinessTests {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.circuitbreaker.spring");

    @Test
    void mainCodeUsesNoJacksonDatabindAndNoMovedMetricsClasses() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("com.fasterxml.jackson.databind..", "tools.jackson..",
                        "org.springframework.boot.actuate.autoconfigure.metrics..", "org.springframework.boot.autoconfigure.aop..")
                .check(MAIN);
    }

    @Test
    void onlyTheHealthClassesUseTheBoot3HealthApi() {
        noClasses().that().doNotHaveSimpleName("CircuitBreakerHealthAutoConfiguration")
                .and().doNotHaveSimpleName("CircuitBreakersHealthIndicator")
                .and().doNotHaveSimpleName("OnHealthIndicatorRequested")
                .and().doNotHaveSimpleName("HealthOptIn")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.boot.actuate.health..",
                        "org.springframework.boot.actuate.autoconfigure.health..")
                .check(MAIN);
    }
}
