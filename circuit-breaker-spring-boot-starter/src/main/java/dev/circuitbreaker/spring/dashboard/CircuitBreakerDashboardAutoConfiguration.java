package dev.circuitbreaker.spring.dashboard;

import dev.circuitbreaker.spring.autoconfigure.CircuitBreakerAutoConfiguration;
import dev.circuitbreaker.spring.autoconfigure.CircuitBreakerProperties;
import dev.circuitbreaker.spring.autoconfigure.ConditionalOnCircuitBreakerEnabled;
import dev.circuitbreaker.spring.autoconfigure.InvalidCircuitBreakerPropertyException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.core.env.Environment;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * The dashboard page, when {@code circuitbreaker.dashboard.enabled=true} in a Spring MVC application. The page
 * reads the {@code circuitbreakers} endpoint at {@code management.endpoints.web.base-path} (and its path mapping)
 * on the application's own port, so a management port of its own ({@code management.server.port}) fails startup.
 */
@AutoConfiguration(after = CircuitBreakerAutoConfiguration.class)
@ConditionalOnCircuitBreakerEnabled
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
@ConditionalOnProperty(prefix = "circuitbreaker.dashboard", name = "enabled", havingValue = "true")
@ConditionalOnBean(CircuitBreakerProperties.class)
@ImportRuntimeHints(DashboardRuntimeHints.class)
public final class CircuitBreakerDashboardAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    DashboardController circuitBreakerDashboardController(CircuitBreakerProperties properties, Environment environment) {
        requireActuatorOnApplicationPort(environment);
        return new DashboardController(properties.getDashboard(), endpointPath(environment));
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

    static String endpointPath(Environment environment) {
        String base = environment.getProperty("management.endpoints.web.base-path", "/actuator");
        String id = environment.getProperty("management.endpoints.web.path-mapping.circuitbreakers", "circuitbreakers");
        String joined = (base.endsWith("/") ? base : base + "/") + (id.startsWith("/") ? id.substring(1) : id);
        return joined.startsWith("/") ? joined : "/" + joined;
    }
}
