package dev.circuitbreaker.spring.autoconfigure;

import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.ConfigurationCondition;

/** Matches a web application the dashboard can serve: Spring MVC's or WebFlux's. */
class OnDashboardWebStackCondition extends AnyNestedCondition {

    OnDashboardWebStackCondition() {
        super(ConfigurationCondition.ConfigurationPhase.REGISTER_BEAN);
    }

    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(name = DashboardServletConfiguration.DISPATCHER_SERVLET)
    static class SpringMvc {
    }

    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
    @ConditionalOnClass(name = DashboardReactiveConfiguration.DISPATCHER_HANDLER)
    static class WebFlux {
    }
}
