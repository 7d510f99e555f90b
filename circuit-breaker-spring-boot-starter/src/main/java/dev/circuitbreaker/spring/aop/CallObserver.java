package dev.circuitbreaker.spring.aop;

import dev.circuitbreaker.CircuitBreaker;

/**
 * Observes guarded calls, for tracing and timers: the starter's Micrometer Observation support implements it when
 * {@code circuitbreaker.observations.enabled=true}; without one, calls are not observed and pay nothing for it. An
 * interface of the aspect's own, so that the aspect loads no Micrometer class. Implementations are thread-safe.
 */
public interface CallObserver {

    /**
     * Starts observing one call about to be asked of {@code breaker}.
     *
     * @param breaker the breaker the call goes through
     * @param parent the parent observation (a reactive subscriber's, from its context), or {@code null} for the
     *     current one
     * @return the observation of the call, to stop exactly once
     */
    Observed start(CircuitBreaker breaker, Object parent);

    /** One observed call. Its first stop counts; later ones do nothing. */
    interface Observed {

        /**
         * Ends the observation with the call's outcome.
         *
         * @param error what the call threw or the breaker rejected it with, or {@code null} if it returned
         */
        void stop(Throwable error);

        /** Ends the observation of a call cancelled before its outcome (counted as ignored, as the breaker does). */
        void cancelled();

        /** {@return a scope in which this observation is the current one: close it on the same thread} */
        Scope openScope();

        /** {@return the observation itself, to hand to what runs inside it (a reactive context entry, say)} */
        Object observation();
    }

    /** A scope opened by {@link Observed#openScope()}. */
    interface Scope extends AutoCloseable {

        /** Ends the scope; never throws. */
        @Override
        void close();
    }
}
