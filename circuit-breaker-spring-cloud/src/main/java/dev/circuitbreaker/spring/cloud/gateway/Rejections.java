package dev.circuitbreaker.spring.cloud.gateway;

import dev.circuitbreaker.CallNotPermittedException;
import dev.circuitbreaker.CircuitBreakerOpenException;
import java.time.Duration;

/** Finds a breaker's rejection in what a Gateway route threw. Stateless. */
final class Rejections {

    private static final int MAX_DEPTH = 16;

    private Rejections() {
    }

    /**
     * The rejection ({@code CircuitBreakerOpenException} or {@code BulkheadFullException}) that {@code error} is, or
     * carries as a cause or as a suppressed exception of one of its causes (a Gateway wraps it; a fallback that throws
     * gets it attached as suppressed); {@code null} if there is none.
     */
    static CallNotPermittedException find(Throwable error) {
        return find(error, 0);
    }

    private static CallNotPermittedException find(Throwable error, int depth) {
        for (Throwable t = error; t != null && depth < MAX_DEPTH; t = t.getCause(), depth++) {
            if (t instanceof CallNotPermittedException rejection) {
                return rejection;
            }
            for (Throwable suppressed : t.getSuppressed()) {
                CallNotPermittedException rejection = find(suppressed, depth + 1);
                if (rejection != null) {
                    return rejection;
                }
            }
        }
        return null;
    }

    /**
     * The {@code Retry-After} value for a rejection: an OPEN breaker's remaining wait in whole seconds, rounded up;
     * 0 when there is nothing to wait for (HALF_OPEN with every trial taken, FORCED_OPEN, a full bulkhead).
     */
    static long retryAfterSeconds(CallNotPermittedException rejection) {
        if (!(rejection instanceof CircuitBreakerOpenException open)) {
            return 0;
        }
        Duration wait = open.remainingWait();
        long seconds = wait.getSeconds();
        return wait.getNano() > 0 ? seconds + 1 : seconds;
    }
}
