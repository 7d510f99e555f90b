/**
 * The {@code @CircuitBreaker} advice: the pointcut and the thin interceptor, resolution of each annotated method's
 * breaker, fallback and call strategy by return type (once, cached, and checked for every annotated bean at startup:
 * plain values, {@code CompletionStage}s, and reactive types and Kotlin {@code suspend} functions guarded per
 * subscription; return types whose outcome cannot be observed are refused), and fallback invocation, also after
 * Spring Framework 7's retries.
 */
package dev.circuitbreaker.spring.aop;
