package dev.circuitbreaker.spring;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The starter's packages depend on each other in one direction only, and the dashboard's web stacks stay apart. */
class PackageStructureTests {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.circuitbreaker.spring");

    @Test
    void thePackagesHaveNoCycles() {
        slices().matching("dev.circuitbreaker.spring.(**)").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void theStarterUsesOnlyTheCoresPublicApi() {
        noClasses().should().dependOnClassesThat().resideInAPackage("dev.circuitbreaker.internal..").check(MAIN);
    }

    @Test
    void theEventLogAndTheStreamNeedNoWebStack() {
        noClasses().that().resideInAnyPackage("dev.circuitbreaker.spring.events..", "dev.circuitbreaker.spring.dashboard.stream..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.web..", "jakarta.servlet..", "reactor..")
                .check(MAIN);
    }

    @Test
    void inTheDashboardOnlyTheWebFluxAdaptersUseWebFluxAndOnlyTheServletAdaptersTheServletStack() {
        noClasses().that().resideInAPackage("dev.circuitbreaker.spring.dashboard..")
                .and().doNotHaveSimpleName("ReactiveStreamClient").and().doNotHaveSimpleName("ReactiveEventStreamController")
                .should().dependOnClassesThat().resideInAnyPackage("reactor..", "org.springframework.web.reactive..")
                .check(MAIN);
        noClasses().that().resideInAPackage("dev.circuitbreaker.spring.dashboard..")
                .and().doNotHaveSimpleName("ServletStreamClient").and().doNotHaveSimpleName("ServletEventStreamController")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.web.servlet..", "jakarta.servlet..")
                .check(MAIN);
    }
}
