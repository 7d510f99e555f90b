package dev.circuitbreaker.spring.autoconfigure;

import dev.circuitbreaker.spring.aop.InvalidCircuitBreakerAnnotationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains a {@code @CircuitBreaker} that cannot work: the bean, the method, the fallback and the signature expected. */
public final class InvalidCircuitBreakerAnnotationFailureAnalyzer
        extends AbstractFailureAnalyzer<InvalidCircuitBreakerAnnotationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidCircuitBreakerAnnotationException cause) {
        StringBuilder description = new StringBuilder("A @CircuitBreaker annotation cannot work:\n\n");
        if (cause.beanName() != null) {
            description.append("    Bean:     ").append(cause.beanName()).append('\n');
        }
        description.append("    Method:   ").append(cause.method()).append('\n');
        if (!cause.fallback().isEmpty()) {
            description.append("    Fallback: ").append(cause.fallback()).append('\n');
        }
        description.append("    Problem:  ").append(cause.problem()).append('\n');
        String action = cause.expectedSignature() != null
                ? "Declare the fallback on the same bean as: " + cause.expectedSignature()
                : "Fix the annotation as described above.";
        return new FailureAnalysis(description.toString(), action, cause);
    }
}
