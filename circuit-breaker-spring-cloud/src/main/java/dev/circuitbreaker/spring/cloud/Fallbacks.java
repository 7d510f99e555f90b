package dev.circuitbreaker.spring.cloud;

import java.util.function.Function;

/**
 * How a Spring Cloud {@code run(..., fallback)} hands a failure to its fallback: which throwables reach it, and what
 * the caller sees when the fallback itself throws. Stateless.
 */
final class Fallbacks {

    private Fallbacks() {
    }

    /**
     * Whether {@code error} goes to the fallback: everything but the JVM's own fatal errors (out of memory, stack
     * overflow, a class that cannot be linked), which no fallback can answer.
     */
    static boolean handles(Throwable error) {
        return !(error instanceof VirtualMachineError || error instanceof LinkageError);
    }

    /**
     * Applies {@code fallback} to {@code error}. If the fallback throws, the caller sees that throwable with
     * {@code error} attached as suppressed (unless it already is that throwable or one of its causes, as with
     * Spring Cloud's {@code NoFallbackAvailableException}).
     */
    static <T> T apply(Function<Throwable, T> fallback, Throwable error) {
        try {
            return fallback.apply(error);
        } catch (Throwable thrown) {
            if (!inCauseChain(thrown, error)) {
                thrown.addSuppressed(error);
            }
            throw Fallbacks.<RuntimeException>sneaky(thrown);
        }
    }

    private static boolean inCauseChain(Throwable thrown, Throwable error) {
        int depth = 0;
        for (Throwable t = thrown; t != null && depth < 32; t = t.getCause(), depth++) {
            if (t == error) {
                return true;
            }
        }
        return false;
    }

    /** Rethrows any throwable, checked ones included, as the same instance. */
    @SuppressWarnings("unchecked")
    static <E extends Throwable> E sneaky(Throwable error) throws E {
        throw (E) error;
    }
}
