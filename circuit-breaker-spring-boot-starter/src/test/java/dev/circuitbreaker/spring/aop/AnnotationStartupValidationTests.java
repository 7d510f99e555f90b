package dev.circuitbreaker.spring.aop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.circuitbreaker.spring.CircuitBreaker;
import dev.circuitbreaker.spring.StarterContext;
import dev.circuitbreaker.spring.autoconfigure.InvalidCircuitBreakerAnnotationFailureAnalyzer;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** A @CircuitBreaker that cannot work fails startup, naming the bean, the method, the fallback and the signature expected. */
class AnnotationStartupValidationTests {

    @Test
    void aMissingFallbackFailsStartup() {
        StarterContext.runner().withUserConfiguration(MissingFallbackConfig.class).run(context -> {
            InvalidCircuitBreakerAnnotationException failure = failure(context);
            assertThat(failure).hasMessageContaining("bean 'missingFallback'")
                    .hasMessageContaining("MissingFallback.charge(String)")
                    .hasMessageContaining("'chargeFallback'")
                    .hasMessageContaining("no method 'chargeFallback'")
                    .hasMessageContaining("expected String chargeFallback(String) or String chargeFallback(String, Throwable");
        });
    }

    @Test
    void aFallbackWithOtherParametersFailsStartup() {
        StarterContext.runner().withUserConfiguration(WrongParametersConfig.class).run(context ->
                assertThat(failure(context)).hasMessageContaining("WrongParameters.charge(String)")
                        .hasMessageContaining("no overload of 'chargeFallback' takes the parameters")
                        .hasMessageContaining("chargeFallback(Integer)")
                        .hasMessageContaining("chargeFallback(String, String)"));
    }

    @Test
    void aFallbackWithAnIncompatibleReturnTypeFailsStartup() {
        StarterContext.runner().withUserConfiguration(WrongReturnTypeConfig.class).run(context ->
                assertThat(failure(context)).hasMessageContaining("WrongReturnType.charge(String)")
                        .hasMessageContaining("Integer WrongReturnType.chargeFallback(String, IOException)")
                        .hasMessageContaining("not assignable to String"));
    }

    @Test
    void aBlankBreakerNameFailsStartup() {
        StarterContext.runner().withUserConfiguration(BlankNameConfig.class).run(context ->
                assertThat(failure(context)).hasMessageContaining("BlankName.charge()").hasMessageContaining("name is blank"));
    }

    @Test
    void anAnnotatedPrivateMethodFailsStartupBecauseNoProxyCanInterceptIt() {
        StarterContext.runner().withUserConfiguration(PrivateMethodConfig.class).run(context ->
                assertThat(failure(context)).hasMessageContaining("PrivateMethod.charge()")
                        .hasMessageContaining("a private method cannot be intercepted"));
    }

    @Test
    void theFailureAnalysisPrintsTheExpectedSignature() {
        StarterContext.runner().withUserConfiguration(MissingFallbackConfig.class).run(context -> {
            FailureAnalysis analysis = new InvalidCircuitBreakerAnnotationFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("Bean:     missingFallback", "Method:   MissingFallback.charge(String)",
                    "Fallback: chargeFallback");
            assertThat(analysis.getAction()).contains("String chargeFallback(String) or String chargeFallback(String, Throwable");
        });
    }

    private static InvalidCircuitBreakerAnnotationException failure(AssertableApplicationContext context) {
        assertThat(context).hasFailed();
        for (Throwable t = context.getStartupFailure(); t != null; t = t.getCause()) {
            if (t instanceof InvalidCircuitBreakerAnnotationException e) {
                return e;
            }
        }
        throw new AssertionError("no InvalidCircuitBreakerAnnotationException in", context.getStartupFailure());
    }

    @Configuration(proxyBeanMethods = false)
    static class MissingFallbackConfig {
        @Bean
        MissingFallback missingFallback() {
            return new MissingFallback();
        }
    }

    static class MissingFallback {
        @CircuitBreaker(name = "payments", fallback = "chargeFallback")
        public String charge(String txn) {
            return txn;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class WrongParametersConfig {
        @Bean
        WrongParameters wrongParameters() {
            return new WrongParameters();
        }
    }

    static class WrongParameters {
        @CircuitBreaker(name = "payments", fallback = "chargeFallback")
        public String charge(String txn) {
            return txn;
        }

        String chargeFallback(Integer txn) {
            return "";
        }

        String chargeFallback(String txn, String notAnException) {
            return "";
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class WrongReturnTypeConfig {
        @Bean
        WrongReturnType wrongReturnType() {
            return new WrongReturnType();
        }
    }

    static class WrongReturnType {
        @CircuitBreaker(name = "payments", fallback = "chargeFallback")
        public String charge(String txn) {
            return txn;
        }

        Integer chargeFallback(String txn, IOException e) {
            return 0;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class BlankNameConfig {
        @Bean
        BlankName blankName() {
            return new BlankName();
        }
    }

    static class BlankName {
        @CircuitBreaker(name = " ")
        public String charge() {
            return "";
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class PrivateMethodConfig {
        @Bean
        PrivateMethod privateMethod() {
            return new PrivateMethod();
        }
    }

    static class PrivateMethod {
        @CircuitBreaker(name = "payments")
        private String charge() {
            return "";
        }

        public String call() {
            return charge();
        }
    }
}
