package dev.circuitbreaker;

/** How the CLOSED state's sliding window is measured. */
public enum SlidingWindowType {
    /** The last {@code slidingWindowSize} calls. */
    COUNT_BASED,
    /** The calls of the last {@code slidingWindowSize} whole seconds, bucketed per second. */
    TIME_BASED
}
