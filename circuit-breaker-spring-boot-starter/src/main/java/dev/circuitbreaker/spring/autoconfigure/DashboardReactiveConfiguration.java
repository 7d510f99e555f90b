package dev.circuitbreaker.spring.autoconfigure;

import dev.circuitbreaker.spring.dashboard.ReactiveEventStreamController;
import dev.circuitbreaker.spring.dashboard.stream.DashboardEventStream;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The dashboard's event stream in a WebFlux application (a {@code Flux} of server-sent events per client). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass(name = DashboardReactiveConfiguration.DISPATCHER_HANDLER)
class DashboardReactiveConfiguration {

    static final String DISPATCHER_HANDLER = "org.springframework.web.reactive.DispatcherHandler";

    @Bean
    @ConditionalOnMissingBean
    ReactiveEventStreamController circuitBreakerDashboardStreamController(DashboardEventStream stream) {
        return new ReactiveEventStreamController(stream);
    }
}
