package dev.circuitbreaker;

/**
 * How much longer than by default the randomized and model-checking tests run: {@code -Dconcurrency.scale=10} on
 * the Maven command line multiplies their iterations or seeds by 10. Default 1, which keeps the build fast.
 */
public final class TestScale {

    private TestScale() {
    }

    /** The factor; at least 1. */
    public static int factor() {
        return Math.max(1, Integer.getInteger("concurrency.scale", 1));
    }
}
