package dev.circuitbreaker.spring.cloud;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The module's layering (no package cycles; the adapters never reach into auto-configuration) and what keeps one jar
 * working on Boot 3.5 / Spring Cloud 2025.0 and Boot 4.1 / Spring Cloud 2025.1.
 */
class ModuleArchitectureTests {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.circuitbreaker.spring.cloud");

    @Test
    void hasNoPackageCycles() {
        slices().matching("dev.circuitbreaker.spring.cloud.(**)").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void onlyTheAutoConfigurationKnowsTheAutoConfiguration() {
        noClasses().that().resideOutsideOfPackage("dev.circuitbreaker.spring.cloud.autoconfigure..")
                .should().dependOnClassesThat().resideInAPackage("dev.circuitbreaker.spring.cloud.autoconfigure..")
                .check(MAIN);
    }

    @Test
    void usesNothingThatMovedBetweenTheLinesNorOpenFeignOrResilience4jTypes() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("com.fasterxml.jackson.databind..", "tools.jackson..",
                        "org.springframework.boot.actuate.autoconfigure.metrics..", "org.springframework.boot.micrometer..",
                        "org.springframework.cloud.openfeign..", "io.github.resilience4j..")
                .check(MAIN);
    }

    @Test
    void onlyTheGatewayAdaptersAndTheirAutoConfigurationUseGatewayTypes() {
        noClasses().that().resideOutsideOfPackages("dev.circuitbreaker.spring.cloud.gateway..",
                        "dev.circuitbreaker.spring.cloud.autoconfigure..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.cloud.gateway..")
                .check(MAIN);
    }
}
