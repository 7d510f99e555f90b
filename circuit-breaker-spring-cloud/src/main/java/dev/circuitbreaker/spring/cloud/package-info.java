/**
 * Spring Cloud CircuitBreaker backed by the circuit-breaker registry: {@link RegistryCircuitBreakerFactory} and
 * {@link RegistryReactiveCircuitBreakerFactory} hand Spring Cloud OpenFeign, Spring Cloud Gateway and HTTP service
 * clients the registry's breakers, configured by
 * {@code circuitbreaker.*} (the Spring Cloud id is the instance name), so they show on the endpoint, meters and
 * dashboard like any other breaker. {@link BreakerConfigBuilder} is the configuration builder that Spring Cloud's
 * {@code configure(...)} and {@code Customizer} beans use.
 */
package dev.circuitbreaker.spring.cloud;
