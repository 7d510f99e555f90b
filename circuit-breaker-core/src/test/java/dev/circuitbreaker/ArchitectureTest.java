package dev.circuitbreaker;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    final JavaClasses core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.circuitbreaker");

    @Test
    void theCoreDependsOnNothingButTheJdk() {
        noClasses().should().dependOnClassesThat()
                .resideOutsideOfPackages("dev.circuitbreaker..", "java..", "javax.annotation..")
                .check(core);
    }

    @Test
    void theCoreReadsTimeOnlyThroughTheTicker() {
        noClasses().should().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(java.time.Instant.class, "now")
                .orShould().callMethod(System.class, "nanoTime")
                .check(core);
    }

    @Test
    void theCoreHasNoSynchronizedMethodsOnWhichVirtualThreadsCouldPin() {
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods().should()
                .haveModifier(com.tngtech.archunit.core.domain.JavaModifier.SYNCHRONIZED).check(core);
    }
}
