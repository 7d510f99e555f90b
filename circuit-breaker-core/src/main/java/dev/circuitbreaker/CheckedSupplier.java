package dev.circuitbreaker;

/**
 * A computation that may throw anything, as an intercepted method does. Used by
 * {@link CircuitBreaker#execute(CheckedSupplier)}.
 *
 * @param <T> the result type
 */
@FunctionalInterface
public interface CheckedSupplier<T> {

    /**
     * Computes the result.
     *
     * @return the result
     * @throws Throwable whatever the computation throws
     */
    T get() throws Throwable;
}
