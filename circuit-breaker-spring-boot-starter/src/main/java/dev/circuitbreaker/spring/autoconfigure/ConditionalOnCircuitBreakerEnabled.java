package dev.circuitbreaker.spring.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/** Matches unless {@code circuitbreaker.enabled} is {@code false}: the one switch for every part of the starter. */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Documented
@ConditionalOnProperty(prefix = "circuitbreaker", name = "enabled", havingValue = "true", matchIfMissing = true)
public @interface ConditionalOnCircuitBreakerEnabled {
}
