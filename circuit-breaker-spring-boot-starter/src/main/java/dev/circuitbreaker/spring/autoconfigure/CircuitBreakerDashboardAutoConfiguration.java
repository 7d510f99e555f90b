package dev.circuitbreaker.spring.autoconfigure;

import dev.circuitbreaker.CircuitBreakerRegistry;
import dev.circuitbreaker.spring.dashboard.DashboardController;
import dev.circuitbreaker.spring.dashboard.DashboardRuntimeHints;
import dev.circuitbreaker.spring.dashboard.stream.DashboardEventStream;
import dev.circuitbreaker.spring.dashboard.stream.DashboardStreamRuntimeHints;
import dev.circuitbreaker.spring.events.CircuitBreakerEventLog;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.core.env.Environment;

/**
 * The dashboard page and its event stream, when {@code circuitbreaker.dashboard.enabled=true} in a Spring MVC or a
 * WebFlux application. The page and the stream are the same on both stacks; only the stream's controller differs
 * ({@link DashboardServletConfiguration}, {@link DashboardReactiveConfiguration}). The page reads the
 * {@code circuitbreakers} endpoint at {@code management.endpoints.web.base-path} (and its path mapping) on the
 * application's own port, so a management port of its own ({@code management.server.port}) fails startup.
 */
@AutoConfiguration(after = {CircuitBreakerAutoConfiguration.class, CircuitBreakerEventsEndpointAutoConfiguration.class})
@ConditionalOnCircuitBreakerEnabled
@ConditionalOnProperty(prefix = "circuitbreaker.dashboard", name = "enabled", havingValue = "true")
@ConditionalOnBean({CircuitBreakerProperties.class, CircuitBreakerRegistry.class})
@Conditional(OnDashboardWebStackCondition.class)
@Import({EventLogConfiguration.class, DashboardServletConfiguration.class, DashboardReactiveConfiguration.class})
@ImportRuntimeHints({DashboardRuntimeHints.class, DashboardStreamRuntimeHints.class})
public final class CircuitBreakerDashboardAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    DashboardController circuitBreakerDashboardController(CircuitBreakerProperties properties, Environment environment) {
        requireActuatorOnApplicationPort(environment);
        return new DashboardController(properties.getDashboard(), endpointPath(environment, "circuitbreakers"),
                endpointPath(environment, "circuitbreakerevents"));
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    DashboardEventStream circuitBreakerDashboardEventStream(CircuitBreakerRegistry registry, CircuitBreakerEventLog log,
            CircuitBreakerProperties properties) {
        return new DashboardEventStream(registry, log, properties.getDashboard().getRefreshInterval());
    }

    /**
     * The page fetches the endpoint from its own origin, so the Actuator must be on the application's port: the rule
     * Spring Boot applies to decide on a separate management server (unset, or equal to {@code server.port},
     * whose default is 8080).
     */
    static void requireActuatorOnApplicationPort(Environment environment) {
        Integer management = environment.getProperty("management.server.port", Integer.class);
        if (management == null) {
            return;
        }
        Integer server = environment.getProperty("server.port", Integer.class);
        boolean samePort = management >= 0 && (server == null ? management == 8080 : management != 0 && management.equals(server));
        if (samePort) {
            return;
        }
        List<String> properties = new ArrayList<>(List.of("circuitbreaker.dashboard.enabled=true",
                "management.server.port=" + management));
        if (server != null) {
            properties.add("server.port=" + server);
        }
        throw new InvalidCircuitBreakerPropertyException(properties, "the dashboard page reads the circuitbreakers "
                + "endpoint from the application's own port, but " + (management < 0 ? "the Actuator is not served over "
                + "HTTP" : "the Actuator is served on a management port of its own")
                + "; leave management.server.port unset (or equal to server.port), or set circuitbreaker.dashboard.enabled=false", null);
    }

    /** The context-relative path of the Actuator endpoint {@code id}, after the base path and any path mapping. */
    static String endpointPath(Environment environment, String id) {
        String base = environment.getProperty("management.endpoints.web.base-path", "/actuator");
        String mapped = environment.getProperty("management.endpoints.web.path-mapping." + id, id);
        String joined = (base.endsWith("/") ? base : base + "/") + (mapped.startsWith("/") ? mapped.substring(1) : mapped);
        return joined.startsWith("/") ? joined : "/" + joined;
    }
}
