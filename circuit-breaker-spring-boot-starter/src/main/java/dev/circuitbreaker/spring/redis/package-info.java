/**
 * Shared circuit groups through Redis ({@code circuit-breaker-redis}, an optional dependency): the group store
 * built from Spring Boot's own {@code spring.data.redis.*} connection properties (read through the
 * {@code Environment}, so neither Boot line's Redis auto-configuration class is needed), and the meter
 * {@code circuitbreaker.group.store.connected}.
 */
package dev.circuitbreaker.spring.redis;
