package dev.circuitbreaker.build;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.thirdparty.org.objectweb.asm.ClassReader;
import com.tngtech.archunit.thirdparty.org.objectweb.asm.ClassVisitor;
import com.tngtech.archunit.thirdparty.org.objectweb.asm.MethodVisitor;
import com.tngtech.archunit.thirdparty.org.objectweb.asm.Opcodes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One rule for every library module: our code never holds or waits on a Java monitor, so a virtual thread running
 * it never pins its carrier thread (JDK 21 to 23 pin a virtual thread inside {@code synchronized} and in
 * {@code Object.wait()}; JDK 24 and later no longer do, but the library supports Java 17+). Use a
 * {@code ReentrantLock}, an atomic or a concurrent collection instead.
 *
 * <p>Shared, not copied: the parent pom's {@code library} profile compiles this class into the tests of every module
 * with main code and passes that module's classes directory as {@code architecture.classes}, so a new module gets the
 * rule without any line of its own.
 */
class NoMonitorsForVirtualThreadsTest {

    private static final Path CLASSES = Path.of(System.getProperty("architecture.classes", "target/classes"));

    @Test
    void noMethodIsSynchronized() {
        noMethods().should().haveModifier(JavaModifier.SYNCHRONIZED)
                .because("a virtual thread holding a monitor pins its carrier on JDK 21-23").check(classes());
    }

    @Test
    void noCodeWaitsOnOrNotifiesAMonitor() {
        noClasses().should().callMethodWhere(objectMonitorMethod())
                .because("Object.wait() needs a monitor and pins a virtual thread on JDK 21-23").check(classes());
    }

    /** ArchUnit does not model {@code synchronized} blocks, so the bytecode is read for monitorenter instructions. */
    @Test
    void noCodeHasASynchronizedBlock() throws IOException {
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classesDirectory())) {
            files.filter(f -> f.toString().endsWith(".class")).forEach(f -> offenders.addAll(monitorEnters(f)));
        }
        assertEquals(List.of(), offenders, "methods with a synchronized block in " + CLASSES);
    }

    private static Path classesDirectory() {
        assertTrue(Files.isDirectory(CLASSES), "the module's classes (system property architecture.classes): " + CLASSES);
        return CLASSES;
    }

    private static JavaClasses classes() {
        Path directory = classesDirectory();
        // Only the module's own classes and the names they use: no need to load the rest of the class path.
        return ArchConfiguration.withThreadLocalScope(configuration -> {
            configuration.setResolveMissingDependenciesFromClassPath(false);
            return new ClassFileImporter().importPath(directory);
        });
    }

    private static DescribedPredicate<JavaMethodCall> objectMonitorMethod() {
        return DescribedPredicate.describe("Object.wait, notify or notifyAll", call -> {
            List<String> parameters = call.getTarget().getRawParameterTypes().stream().map(JavaClass::getName).toList();
            return switch (call.getName()) {
                case "wait" -> parameters.isEmpty() || parameters.equals(List.of("long"))
                        || parameters.equals(List.of("long", "int"));
                case "notify", "notifyAll" -> parameters.isEmpty();
                default -> false;
            };
        });
    }

    private static List<String> monitorEnters(Path classFile) {
        List<String> found = new ArrayList<>();
        try {
            new ClassReader(Files.readAllBytes(classFile)).accept(new ClassVisitor(Opcodes.ASM9) {
                private String owner;

                @Override
                public void visit(int version, int access, String name, String signature, String superName,
                        String[] interfaces) {
                    owner = name.replace('/', '.');
                }

                @Override
                public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                        String[] exceptions) {
                    return new MethodVisitor(Opcodes.ASM9) {
                        @Override
                        public void visitInsn(int opcode) {
                            if (opcode == Opcodes.MONITORENTER) {
                                found.add(owner + "." + name + descriptor);
                            }
                        }
                    };
                }
            }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }
}
