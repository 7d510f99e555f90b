package dev.circuitbreaker.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs the annotated method (or, on a class, every public method) through the circuit breaker called
 * {@link #name()}. The breaker comes from the application's {@code CircuitBreakerRegistry}: configured under
 * {@code circuitbreaker.instances.<name>}, or else built from {@code circuitbreaker.defaults}. An annotation on a
 * method wins over one on its class.
 *
 * <p>Methods returning {@code CompletionStage} or {@code CompletableFuture} are guarded asynchronously: the outcome
 * is recorded when the returned stage completes. Every other method is guarded synchronously, and the exception it
 * throws reaches the caller unchanged.
 *
 * <p>A {@link #fallback()} is a method of the same bean that takes the same parameters, optionally followed by one
 * {@code Throwable} (sub)type, and returns a type the annotated method may return:
 * <pre>{@code
 * @CircuitBreaker(name = "payments", fallback = "chargeFallback")
 * public Receipt charge(String txn) { ... }
 *
 * Receipt chargeFallback(String txn, IOException cause) { ... }   // used for IOExceptions
 * Receipt chargeFallback(String txn, Throwable cause) { ... }     // used for every other failure
 * }</pre>
 * It runs when the call fails with an exception the breaker records as a failure, or is rejected with a
 * {@code CircuitBreakerOpenException}; of several overloads the one with the most specific matching exception type
 * wins. Other exceptions reach the caller unchanged. If the fallback itself throws, the caller sees that exception
 * with the original one added as suppressed. Fallbacks are checked when the application starts: a missing or
 * incompatible one fails startup.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface CircuitBreaker {

    /** {@return the name of the breaker, as under {@code circuitbreaker.instances}} */
    String name();

    /** {@return the name of the fallback method on the same bean; empty (the default) for none} */
    String fallback() default "";
}
