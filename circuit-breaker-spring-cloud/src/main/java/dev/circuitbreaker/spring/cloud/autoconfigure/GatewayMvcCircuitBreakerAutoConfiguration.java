package dev.circuitbreaker.spring.cloud.autoconfigure;

import dev.circuitbreaker.spring.autoconfigure.ConditionalOnCircuitBreakerEnabled;
import dev.circuitbreaker.spring.cloud.gateway.GatewayMvcRejectionResolver;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

/**
 * Spring Cloud Gateway Server MVC: a route whose breaker rejects the call answers 503 (see
 * {@link GatewayMvcRejectionResolver}). Only in servlet applications with Gateway Server MVC on the class path.
 */
@AutoConfiguration(after = SpringCloudCircuitBreakerAutoConfiguration.class)
@ConditionalOnCircuitBreakerEnabled
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = GatewayMvcCircuitBreakerAutoConfiguration.GATEWAY_MVC_FILTER)
public final class GatewayMvcCircuitBreakerAutoConfiguration {

    /** Gateway Server MVC's circuit breaker filter (4.3 and 5.0). */
    static final String GATEWAY_MVC_FILTER =
            "org.springframework.cloud.gateway.server.mvc.filter.CircuitBreakerFilterFunctions";

    @Bean
    @ConditionalOnMissingBean
    GatewayMvcRejectionResolver gatewayMvcRejectionResolver() {
        return new GatewayMvcRejectionResolver();
    }
}
