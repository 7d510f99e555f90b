package dev.circuitbreaker.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.circuitbreaker.spring.StarterContext;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each bad configuration fails startup, and the exception thrown at startup (its message or a cause's) names the
 * full property path and the bad value.
 */
class StartupValidationTests {

    static Stream<Arguments> badConfigurations() {
        return Stream.of(
                bad("a negative failure threshold", "circuitbreaker.instances.payments.failure-threshold=-1",
                        "circuitbreaker.instances.payments.failure-threshold=-1", "must be >= 0"),
                bad("a failure rate above 100 percent", "circuitbreaker.instances.payments.failure-rate-threshold=150",
                        "circuitbreaker.instances.payments.failure-rate-threshold=150", "(0, 100]"),
                bad("a zero open wait", "circuitbreaker.instances.payments.wait-duration-in-open-state=0s",
                        "circuitbreaker.instances.payments.wait-duration-in-open-state=0s", "must be positive"),
                bad("a backoff multiplier below one", "circuitbreaker.defaults.backoff-multiplier=0.5",
                        "circuitbreaker.defaults.backoff-multiplier=0.5", ">= 1.0"),
                bad("a zero success threshold in the defaults", "circuitbreaker.defaults.success-threshold=0",
                        "circuitbreaker.defaults.success-threshold=0"),
                bad("a failure threshold larger than the window it must fit in",
                        List.of("circuitbreaker.defaults.sliding-window-size=4", "circuitbreaker.instances.payments.failure-threshold=5"),
                        "circuitbreaker.instances.payments.failure-threshold=5", "circuitbreaker.defaults.sliding-window-size=4"),
                bad("a text where a number belongs", "circuitbreaker.instances.payments.failure-threshold=three",
                        "circuitbreaker.instances.payments.failure-threshold", "three"),
                bad("an unknown sliding window type", "circuitbreaker.instances.payments.sliding-window-type=sideways",
                        "circuitbreaker.instances.payments.sliding-window-type", "sideways"),
                bad("an unknown key under an instance", "circuitbreaker.instances.payments.failure-treshold=3",
                        "circuitbreaker.instances.payments.failure-treshold"),
                bad("an unknown key under the defaults", "circuitbreaker.defaults.wait-time=3s",
                        "circuitbreaker.defaults.wait-time"),
                bad("an unknown top-level key", "circuitbreaker.instance.payments.failure-threshold=3",
                        "circuitbreaker.instance.payments.failure-threshold"),
                bad("an unknown exception class to record", "circuitbreaker.instances.payments.record-exceptions=com.example.NoSuchException",
                        "circuitbreaker.instances.payments.record-exceptions", "com.example.NoSuchException"),
                bad("a class that is not an exception", "circuitbreaker.instances.payments.ignore-exceptions=java.lang.String",
                        "circuitbreaker.instances.payments.ignore-exceptions[0]=java.lang.String", "not a java.lang.Throwable"),
                bad("an unknown exception class with its own threshold",
                        "circuitbreaker.instances.payments.exception-thresholds.[com.example.Timeout]=2",
                        "circuitbreaker.instances.payments.exception-thresholds", "com.example.Timeout"),
                bad("an exception threshold of zero",
                        "circuitbreaker.instances.payments.exception-thresholds.[java.util.concurrent.TimeoutException]=0",
                        "circuitbreaker.instances.payments.exception-thresholds.[java.util.concurrent.TimeoutException]=0"),
                bad("a group as a default", "circuitbreaker.defaults.group=everyone",
                        "circuitbreaker.defaults.group=everyone"),
                bad("a group whose members disagree",
                        List.of("circuitbreaker.instances.a.group=cluster", "circuitbreaker.instances.b.group=cluster",
                                "circuitbreaker.instances.b.failure-threshold=2"),
                        "circuitbreaker.instances.b.group=cluster", "failureThreshold"));
    }

    @ParameterizedTest(name = "startup fails on {0}")
    @MethodSource("badConfigurations")
    void startupFailsNamingThePropertyAndTheValue(String description, List<String> properties, List<String> expected) {
        StarterContext.runner().withPropertyValues(properties.toArray(String[]::new)).run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).contains(expected);
        });
    }

    /** The messages of the failure and all its causes, joined: what a log or a test of the exception sees. */
    static String messages(Throwable failure) {
        List<String> messages = new ArrayList<>();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.add(String.valueOf(t.getMessage()));
        }
        return String.join("\n", messages);
    }

    private static Arguments bad(String description, String property, String... expected) {
        return bad(description, List.of(property), expected);
    }

    private static Arguments bad(String description, List<String> properties, String... expected) {
        return Arguments.of(description, properties, List.of(expected));
    }
}
