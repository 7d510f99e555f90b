package dev.circuitbreaker.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

/** A real application start: the failure analyzers are registered and print the property path and value. */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureReportTests {

    @Test
    void aBadValuePrintsAReportNamingThePropertyAndTheValue(CapturedOutput output) {
        SpringApplication app = new SpringApplication(App.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        Throwable failure = catchThrowable(() -> app.run("--circuitbreaker.instances.payments.failure-threshold=-1",
                "--spring.main.banner-mode=off"));
        assertThat(failure).hasMessageContaining("circuitbreaker.instances.payments.failure-threshold=-1");
        assertThat(output).contains("APPLICATION FAILED TO START")
                .contains("Property: circuitbreaker.instances.payments.failure-threshold=-1")
                .contains("Reason:   failureThreshold must be >= 0 but was -1");
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class App {
    }
}
