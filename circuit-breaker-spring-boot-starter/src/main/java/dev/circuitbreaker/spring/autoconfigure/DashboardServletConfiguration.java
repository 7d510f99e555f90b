package dev.circuitbreaker.spring.autoconfigure;

import dev.circuitbreaker.spring.dashboard.ServletEventStreamController;
import dev.circuitbreaker.spring.dashboard.stream.DashboardEventStream;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The dashboard's event stream in a Spring MVC application (an {@code SseEmitter} per client). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = DashboardServletConfiguration.DISPATCHER_SERVLET)
class DashboardServletConfiguration {

    static final String DISPATCHER_SERVLET = "org.springframework.web.servlet.DispatcherServlet";

    @Bean
    @ConditionalOnMissingBean
    ServletEventStreamController circuitBreakerDashboardStreamController(DashboardEventStream stream) {
        return new ServletEventStreamController(stream);
    }
}
