package dev.circuitbreaker.spring.actuate;

import dev.circuitbreaker.CircuitBreaker;
import dev.circuitbreaker.CircuitBreakerRegistry;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * The {@code circuitbreakers} endpoint: every breaker's stats, one breaker's stats with its config and history,
 * and the manual transitions. Read-only unless the application grants more access
 * ({@code management.endpoint.circuitbreakers.access=unrestricted}). It only looks breakers up: no request creates
 * one, so unknown names are 404 and leave the registry and the meters as they were. Thread-safe.
 *
 * <p>History entries carry no exception objects or stacks, only the core's {@code ClassName: message} text, in
 * which the core has already masked secret-looking values ({@code password=...}, {@code token: ...}, API keys,
 * bearer and basic credentials) and which it truncates to 200 characters; this endpoint shows that text as is.
 */
@Endpoint(id = "circuitbreakers", defaultAccess = Access.READ_ONLY)
public class CircuitBreakersEndpoint {

    private static final Map<String, Consumer<CircuitBreaker>> ACTIONS = Map.of(
            "force-open", CircuitBreaker::forceOpen,
            "open", CircuitBreaker::transitionToOpen,
            "half-open", CircuitBreaker::transitionToHalfOpen,
            "close", CircuitBreaker::transitionToClosed,
            "disable", CircuitBreaker::disable,
            "reset", CircuitBreaker::reset);

    private final CircuitBreakerRegistry registry;

    /** @param registry the breakers to show; the endpoint never creates one */
    public CircuitBreakersEndpoint(CircuitBreakerRegistry registry) {
        this.registry = registry;
    }

    /** {@return every breaker's stats, by name} */
    @ReadOperation
    public BreakerList breakers() {
        Map<String, BreakerStats> breakers = new LinkedHashMap<>();
        registry.all().forEach(b -> breakers.put(b.name(), BreakerStats.of(b.stats())));
        return new BreakerList(breakers, SharedGroupView.all(registry));
    }

    /**
     * @param name the breaker's name
     * @return one breaker's stats, config and history; {@code null} (404) for an unknown name
     */
    @ReadOperation
    public BreakerDetails breaker(@Selector String name) {
        return registry.find(name).map(b -> BreakerDetails.of(b, SharedGroupView.of(registry, b))).orElse(null);
    }

    /**
     * Applies {@code action} (force-open, open, half-open, close, disable, reset) to the breaker called
     * {@code name} and returns its stats: 404 for an unknown name, 400 for an unknown action.
     *
     * @param name the breaker's name
     * @param action the manual transition, e.g. {@code force-open}
     * @return the breaker's stats after the transition, or an error body with status 404 or 400
     */
    @WriteOperation
    public WebEndpointResponse<Object> change(@Selector String name, String action) {
        Optional<CircuitBreaker> breaker = registry.find(name);
        if (breaker.isEmpty()) {
            return new WebEndpointResponse<>(Map.of("error", "no circuit breaker named '" + name + "'"),
                    WebEndpointResponse.STATUS_NOT_FOUND);
        }
        Consumer<CircuitBreaker> transition = ACTIONS.get(action.toLowerCase(Locale.ROOT));
        if (transition == null) {
            return new WebEndpointResponse<>(Map.of("error", "unknown action '" + action + "'; use one of "
                    + "force-open, open, half-open, close, disable, reset"), WebEndpointResponse.STATUS_BAD_REQUEST);
        }
        transition.accept(breaker.get());
        return new WebEndpointResponse<>(BreakerStats.of(breaker.get().stats()), WebEndpointResponse.STATUS_OK);
    }

    /**
     * The body of {@code GET /actuator/circuitbreakers}.
     *
     * @param circuitBreakers every breaker's stats, by name
     * @param sharedGroups the groups shared across instances (through Redis), by name: the store's state here and
     *     which instance took the group's current decision; empty when no group is shared
     */
    public record BreakerList(Map<String, BreakerStats> circuitBreakers, Map<String, SharedGroupView> sharedGroups) {
    }
}
