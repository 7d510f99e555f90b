/**
 * The {@code @CircuitBreaker} advice: the pointcut and the thin interceptor, resolution of each annotated method's
 * breaker and fallback (once, cached, and checked for every annotated bean at startup), and fallback invocation.
 */
package dev.circuitbreaker.spring.aop;
