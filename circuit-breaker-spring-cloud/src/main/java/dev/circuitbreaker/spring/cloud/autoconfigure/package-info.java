/**
 * Auto-configuration of the Spring Cloud CircuitBreaker integration, one class per concern: the factories (ordered
 * before OpenFeign's and Spring Cloud Commons' auto-configurations, which only use a factory bean that already
 * exists) and the Gateway adapters.
 */
package dev.circuitbreaker.spring.cloud.autoconfigure;
