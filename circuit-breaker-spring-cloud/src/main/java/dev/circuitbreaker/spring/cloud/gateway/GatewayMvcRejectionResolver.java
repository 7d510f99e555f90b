package dev.circuitbreaker.spring.cloud.gateway;

import dev.circuitbreaker.CallNotPermittedException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponse;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.function.HandlerFunction;

/**
 * Answers 503 Service Unavailable, with {@code Retry-After} when the breaker is OPEN, when a breaker did not run the
 * call of a Spring Cloud Gateway Server MVC route that has no fallback (its state rejected it, or its bulkhead was
 * full). Gateway Server MVC maps only Resilience4j's
 * rejection type to 503: 4.3 wraps any other in a 500 {@code ResponseStatusException}, and 5.0 without Resilience4j on
 * the class path fails its own {@code instanceof} check with a {@code NoClassDefFoundError} (to which the breaker
 * attaches its rejection as suppressed). Applies to functional routes ({@link HandlerFunction} handlers) only, and
 * never overrides a status other than 500. Thread-safe.
 */
public final class GatewayMvcRejectionResolver implements HandlerExceptionResolver, Ordered {

    /** Runs before Spring MVC's own resolvers (order 0), which would answer 500. */
    public static final int ORDER = -1;

    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
            Exception ex) {
        if (!(handler instanceof HandlerFunction) || hasOtherStatus(ex)) {
            return null;
        }
        CallNotPermittedException rejection = Rejections.find(ex);
        if (rejection == null) {
            return null;
        }
        long retryAfter = Rejections.retryAfterSeconds(rejection);
        if (retryAfter > 0) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
        }
        try {
            response.sendError(HttpStatus.SERVICE_UNAVAILABLE.value(), rejection.getMessage());
        } catch (IOException | IllegalStateException committed) {
            return null;
        }
        return new ModelAndView();
    }

    private static boolean hasOtherStatus(Exception ex) {
        return ex instanceof ErrorResponse response
                && response.getStatusCode().value() != HttpStatus.INTERNAL_SERVER_ERROR.value();
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
