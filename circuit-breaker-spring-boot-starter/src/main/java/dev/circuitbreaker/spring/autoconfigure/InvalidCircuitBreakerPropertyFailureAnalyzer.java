package dev.circuitbreaker.spring.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains a {@code circuitbreaker.*} value the core rejected: each property path with its value, and the rule. */
public final class InvalidCircuitBreakerPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidCircuitBreakerPropertyException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidCircuitBreakerPropertyException cause) {
        StringBuilder description = new StringBuilder("Invalid circuit breaker configuration:\n\n");
        cause.properties().forEach(p -> description.append("    Property: ").append(p).append('\n'));
        description.append("    Reason:   ").append(cause.reason()).append('\n');
        return new FailureAnalysis(description.toString(),
                "Update the circuitbreaker.* properties named above so that they satisfy the rule.", cause);
    }
}
