package dev.circuitbreaker.benchmarks;

import java.util.function.Supplier;

/** What every subject wraps: a call that returns a field, or fails with a preallocated, stackless exception. */
final class Callee {

    /** The callee's own failure; stackless and shared, so failing allocates nothing in the callee itself. */
    static final CalleeFailure FAILURE = new CalleeFailure();

    private Callee() {
    }

    /** A call that succeeds with {@code holder}'s payload (a field read, so it cannot be constant-folded). */
    static Supplier<String> succeeding(Payload holder) {
        return () -> holder.payload;
    }

    /** A call that fails every other time, as {@code ClosedHalfFailures} calls it. Not thread-safe. */
    static Supplier<String> halfFailing() {
        int[] calls = {0};
        return () -> {
            if ((++calls[0] & 1) == 0) {
                throw FAILURE;
            }
            return "ok";
        };
    }

    /** Holds the value a successful call returns. */
    static final class Payload {
        String payload = "ok";
    }

    /** A failure of the callee. */
    static final class CalleeFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CalleeFailure() {
            super("downstream failed", null, false, false);
        }
    }
}
