package dev.circuitbreaker.spring.aop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.circuitbreaker.CircuitBreakerOpenException;
import dev.circuitbreaker.spring.CircuitBreaker;
import java.io.IOException;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;
import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.aot.AotServices;
import org.springframework.beans.factory.aot.BeanRegistrationAotContribution;
import org.springframework.beans.factory.aot.BeanRegistrationAotProcessor;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RegisteredBean;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.javapoet.ClassName;

/**
 * What Spring AOT ({@code process-aot}) learns from {@link GuardedMethodsAotProcessor}: every method the advice
 * invokes through reflection is registered for invocation in a native image, checked with Spring's own
 * {@link RuntimeHintsPredicates}.
 */
class GuardedMethodsAotProcessorTests {

    private final DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();

    @Test
    void theGuardedMethodAndEveryFallbackOverloadCanBeInvokedReflectively() throws Exception {
        RuntimeHints hints = hintsFor(Payments.class);

        assertThat(hints).matches(invocable(Payments.class.getMethod("charge", String.class)))
                .matches(invocable(Payments.class.getDeclaredMethod("chargeFallback", String.class, IOException.class)))
                .matches(invocable(Payments.class.getDeclaredMethod("chargeFallback", String.class,
                        CircuitBreakerOpenException.class)))
                .matches(invocable(Payments.class.getDeclaredMethod("chargeFallback", String.class)));
        assertThat(hints).as("a method without the annotation stays out of the image's reflection data")
                .matches(invocable(Payments.class.getMethod("unguarded")).negate());
    }

    @Test
    void aClassLevelAnnotationRegistersEveryPublicMethodItGuards() throws Exception {
        RuntimeHints hints = hintsFor(GuardedClass.class);

        assertThat(hints).matches(invocable(GuardedClass.class.getMethod("balance")))
                .matches(invocable(GuardedClass.class.getMethod("refund", String.class)))
                .matches(invocable(GuardedClass.class.getMethod("toString")).negate());
    }

    @Test
    void theInterfaceMethodAJdkProxyInvokesIsRegisteredToo() throws Exception {
        RuntimeHints hints = hintsFor(BankClient.class);

        assertThat(hints).matches(invocable(Bank.class.getMethod("charge", String.class)))
                .matches(invocable(BankClient.class.getMethod("charge", String.class)));
    }

    @Test
    void aBeanWithoutTheAnnotationContributesNothing() {
        beanFactory.registerBeanDefinition("plain", new RootBeanDefinition(Plain.class));

        assertThat(new GuardedMethodsAotProcessor().processAheadOfTime(RegisteredBean.of(beanFactory, "plain"))).isNull();
    }

    @Test
    void aFallbackThatCannotWorkFailsTheAotBuildWithTheStartupMessage() {
        beanFactory.registerBeanDefinition("broken", new RootBeanDefinition(BrokenFallback.class));

        assertThatThrownBy(() -> new GuardedMethodsAotProcessor().processAheadOfTime(RegisteredBean.of(beanFactory, "broken")))
                .isInstanceOf(InvalidCircuitBreakerAnnotationException.class)
                .hasMessageContaining("bean 'broken'").hasMessageContaining("BrokenFallback.charge(String)")
                .hasMessageContaining("'missing'");
    }

    @Test
    void springAotFindsTheProcessorInAotFactories() {
        assertThat(AotServices.factories().load(BeanRegistrationAotProcessor.class))
                .hasAtLeastOneElementOfType(GuardedMethodsAotProcessor.class);
    }

    private RuntimeHints hintsFor(Class<?> beanClass) {
        beanFactory.registerBeanDefinition("bean", new RootBeanDefinition(beanClass));
        BeanRegistrationAotContribution contribution =
                new GuardedMethodsAotProcessor().processAheadOfTime(RegisteredBean.of(beanFactory, "bean"));
        assertThat(contribution).isNotNull();
        DefaultGenerationContext generationContext = generationContext();
        contribution.applyTo(generationContext, null);
        return generationContext.getRuntimeHints();
    }

    /** What {@code process-aot} hands a contribution: generated files kept in memory here. */
    static DefaultGenerationContext generationContext() {
        return new DefaultGenerationContext(new ClassNameGenerator(ClassName.get("dev.circuitbreaker.aot", "Test")),
                new InMemoryGeneratedFiles());
    }

    private static java.util.function.Predicate<RuntimeHints> invocable(Method method) {
        return RuntimeHintsPredicates.reflection().onMethod(method).invoke();
    }

    static class Payments {

        @CircuitBreaker(name = "payments", fallback = "chargeFallback")
        public String charge(String txn) {
            return txn;
        }

        String chargeFallback(String txn, IOException e) {
            return "io";
        }

        String chargeFallback(String txn, CircuitBreakerOpenException e) {
            return "open";
        }

        String chargeFallback(String txn) {
            return "any";
        }

        public String unguarded() {
            return "";
        }
    }

    @CircuitBreaker(name = "refunds")
    static class GuardedClass {

        public long balance() {
            return 0;
        }

        public String refund(String txn) {
            return txn;
        }

        @Override
        public String toString() {
            return "guarded";
        }
    }

    interface Bank {
        String charge(String txn);
    }

    static class BankClient implements Bank {

        @Override
        @CircuitBreaker(name = "bank")
        public String charge(String txn) {
            return txn;
        }
    }

    static class Plain {

        public String charge(String txn) {
            return txn;
        }
    }

    static class BrokenFallback {

        @CircuitBreaker(name = "broken", fallback = "missing")
        public String charge(String txn) {
            return txn;
        }
    }
}
