package dev.circuitbreaker;

/**
 * A monotonic source of nanoseconds: the only source of durations in the breaker. Tests inject a fake one and
 * advance it by hand, so no test has to sleep.
 *
 * <p>Implementations must be thread-safe and never go backwards; the origin is arbitrary, as with
 * {@link System#nanoTime()}.
 */
@FunctionalInterface
public interface Ticker {

    /** {@return the current reading in nanoseconds} */
    long read();

    /** {@return the ticker backed by {@link System#nanoTime()}, the default everywhere} */
    static Ticker systemTicker() {
        return System::nanoTime;
    }
}
