package dev.circuitbreaker.spring.aop;

import dev.circuitbreaker.CircuitBreaker;
import org.aopalliance.intercept.MethodInvocation;

/**
 * How the calls of one family of return types go through the breaker and fall back: {@link SyncCalls} for plain
 * values, {@link CompletionStageCalls} for {@code CompletionStage}s, {@link ReactiveCalls} for reactive types and
 * Kotlin {@code suspend} functions. Chosen once per annotated method ({@link ReturnTypes}). Implementations are
 * immutable and thread-safe.
 */
interface CallStrategy {

    /**
     * Runs {@code invocation} through {@code cb} and falls back with {@code method}'s fallback where it applies.
     *
     * @param method the resolved method: its fallback, and its breaker for later decisions
     * @param cb the breaker for this invocation (one instance for the call and its fallback decision)
     * @param invocation the intercepted call
     * @return what the caller gets: the method's result, or a guarded stage or publisher
     * @throws Throwable the callee's own exception, a rejection, or the fallback's exception
     */
    Object invoke(GuardedMethod method, CircuitBreaker cb, MethodInvocation invocation) throws Throwable;

    /**
     * Whether, inside a Spring Framework 7 retry advice, this family's fallback runs once after the retries (by
     * {@link RetryAwareFallback}) instead of on each attempt.
     */
    boolean fallsBackAfterRetries();

    /**
     * Whether the fallback goes on the returned publisher ({@link ReactiveCalls}) rather than on a thrown exception.
     * Asked instead of a type check, so that code paths without Reactor never load the reactive classes.
     */
    default boolean fallsBackOnPublisher() {
        return false;
    }
}
