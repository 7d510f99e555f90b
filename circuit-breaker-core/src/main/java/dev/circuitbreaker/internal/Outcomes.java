package dev.circuitbreaker.internal;

/**
 * A finished call's outcome packed into one {@code int}, so recording it allocates nothing: the kind in the low two
 * bits, the slow flag above it, and the failure category (0 = the default count rule, i = the i-th exception
 * threshold) above that.
 */
public final class Outcomes {

    public static final int SUCCESS = 0;
    public static final int FAILURE = 1;
    public static final int IGNORED = 2;

    private static final int KIND_MASK = 3;
    private static final int SLOW = 4;
    private static final int CATEGORY_SHIFT = 3;

    private Outcomes() {
    }

    public static int success(boolean slow) {
        return slow ? SUCCESS | SLOW : SUCCESS;
    }

    public static int failure(int category, boolean slow) {
        return FAILURE | (slow ? SLOW : 0) | category << CATEGORY_SHIFT;
    }

    public static int ignored() {
        return IGNORED;
    }

    public static int kind(int code) {
        return code & KIND_MASK;
    }

    public static boolean isSlow(int code) {
        return (code & SLOW) != 0;
    }

    public static int category(int code) {
        return code >>> CATEGORY_SHIFT;
    }
}
