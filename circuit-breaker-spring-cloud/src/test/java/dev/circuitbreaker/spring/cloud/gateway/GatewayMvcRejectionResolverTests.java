package dev.circuitbreaker.spring.cloud.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.circuitbreaker.BulkheadFullException;
import dev.circuitbreaker.CallNotPermittedException;
import dev.circuitbreaker.CircuitBreaker;
import dev.circuitbreaker.CircuitBreakerConfig;
import dev.circuitbreaker.CircuitBreakerOpenException;
import dev.circuitbreaker.spring.autoconfigure.CircuitBreakerAutoConfiguration;
import dev.circuitbreaker.spring.cloud.autoconfigure.GatewayMvcCircuitBreakerAutoConfiguration;
import dev.circuitbreaker.spring.cloud.autoconfigure.SpringCloudCircuitBreakerAutoConfiguration;
import jakarta.servlet.ServletException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.cloud.gateway.server.mvc.filter.CircuitBreakerFilterFunctions;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.ServerResponse;

/** Which failures of a Gateway Server MVC route answer 503, and when the resolver is registered at all. */
class GatewayMvcRejectionResolverTests {

    private static final HandlerFunction<ServerResponse> ROUTE = request -> ServerResponse.ok().build();
    private static final CallNotPermittedException OPEN = openBreakersRejection();

    private final GatewayMvcRejectionResolver resolver = new GatewayMvcRejectionResolver();

    @Test
    void gateway43sWrappedRejectionAnswers503WithRetryAfterRoundedUp() {
        MockHttpServletResponse response = new MockHttpServletResponse();

        ModelAndView handled = resolve(new ResponseStatusException(HttpStatus.INTERNAL_SERVER_ERROR, "x", OPEN), response);

        assertThat(handled).isNotNull();
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("5");
        assertThat(response.getErrorMessage()).contains("'bankRoute' is OPEN");
    }

    @Test
    void gateway50sLinkageErrorCarryingTheRejectionAsSuppressedAnswers503() {
        NoClassDefFoundError missingResilience4j = new NoClassDefFoundError("io/github/resilience4j/circuitbreaker/CallNotPermittedException");
        missingResilience4j.addSuppressed(OPEN);
        MockHttpServletResponse response = new MockHttpServletResponse();

        resolve(new ServletException("Handler dispatch failed: " + missingResilience4j, missingResilience4j), response);

        assertThat(response.getStatus()).isEqualTo(503);
    }

    @Test
    void aFullBulkheadAnswers503WithoutRetryAfter() {
        MockHttpServletResponse response = new MockHttpServletResponse();
        CircuitBreaker breaker = CircuitBreaker.of("bankRoute", CircuitBreakerConfig.builder().maxConcurrentCalls(1).build());
        breaker.acquirePermit();
        CallNotPermittedException full = catchThrowableOfType(BulkheadFullException.class, breaker::acquirePermit);

        resolve(new ResponseStatusException(HttpStatus.INTERNAL_SERVER_ERROR, "x", full), response);

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isNull();
    }

    @Test
    void leavesOtherFailuresOtherStatusesAndAnnotatedControllersAlone() {
        assertThat(resolve(new IllegalStateException("downstream"), new MockHttpServletResponse())).isNull();
        assertThat(resolve(new ResponseStatusException(HttpStatus.GATEWAY_TIMEOUT, "slow", OPEN),
                new MockHttpServletResponse())).as("a status Gateway chose on purpose").isNull();
        assertThat(resolver.resolveException(new MockHttpServletRequest(), new MockHttpServletResponse(), new Object(), OPEN))
                .as("not a functional route").isNull();
    }

    @Test
    void isRegisteredInServletApplicationsWithGatewayServerMvcOnly() {
        AutoConfigurations configurations = AutoConfigurations.of(CircuitBreakerAutoConfiguration.class,
                SpringCloudCircuitBreakerAutoConfiguration.class, GatewayMvcCircuitBreakerAutoConfiguration.class);
        new WebApplicationContextRunner().withConfiguration(configurations)
                .run(context -> assertThat(context).hasSingleBean(GatewayMvcRejectionResolver.class));
        new WebApplicationContextRunner().withConfiguration(configurations)
                .withClassLoader(new FilteredClassLoader(CircuitBreakerFilterFunctions.class))
                .run(context -> assertThat(context).doesNotHaveBean(GatewayMvcRejectionResolver.class));
        new ApplicationContextRunner().withConfiguration(configurations)
                .run(context -> assertThat(context).doesNotHaveBean(GatewayMvcRejectionResolver.class));
        new WebApplicationContextRunner().withConfiguration(configurations).withPropertyValues("circuitbreaker.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(GatewayMvcRejectionResolver.class));
    }

    /** A real rejection: an OPEN breaker 0.8 s into its 5 s wait (a fixed ticker), so 4.2 s remain. */
    private static CallNotPermittedException openBreakersRejection() {
        AtomicLong now = new AtomicLong();
        CircuitBreaker breaker = CircuitBreaker.builder("bankRoute").ticker(now::get).build();
        breaker.transitionToOpen();
        now.set(Duration.ofMillis(800).toNanos());
        return catchThrowableOfType(CircuitBreakerOpenException.class, breaker::acquirePermit);
    }

    private ModelAndView resolve(Exception failure, MockHttpServletResponse response) {
        return resolver.resolveException(new MockHttpServletRequest(), response, ROUTE, failure);
    }
}
