package dev.circuitbreaker.spring.dashboard;

import dev.circuitbreaker.spring.autoconfigure.CircuitBreakerAutoConfiguration;
import dev.circuitbreaker.spring.autoconfigure.CircuitBreakerProperties;
import dev.circuitbreaker.spring.autoconfigure.ConditionalOnCircuitBreakerEnabled;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * The dashboard page, when {@code circuitbreaker.dashboard.enabled=true} in a Spring MVC application. The page
 * reads the {@code circuitbreakers} endpoint at {@code management.endpoints.web.base-path} (and its path mapping)
 * on the application's own port.
 */
@AutoConfiguration(after = CircuitBreakerAutoConfiguration.class)
@ConditionalOnCircuitBreakerEnabled
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
@ConditionalOnProperty(prefix = "circuitbreaker.dashboard", name = "enabled", havingValue = "true")
@ConditionalOnBean(CircuitBreakerProperties.class)
public final class CircuitBreakerDashboardAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    DashboardController circuitBreakerDashboardController(CircuitBreakerProperties properties, Environment environment) {
        return new DashboardController(properties.getDashboard(), endpointPath(environment));
    }

    static String endpointPath(Environment environment) {
        String base = environment.getProperty("management.endpoints.web.base-path", "/actuator");
        String id = environment.getProperty("management.endpoints.web.path-mapping.circuitbreakers", "circuitbreakers");
        String joined = (base.endsWith("/") ? base : base + "/") + (id.startsWith("/") ? id.substring(1) : id);
        return joined.startsWith("/") ? joined : "/" + joined;
    }
}
