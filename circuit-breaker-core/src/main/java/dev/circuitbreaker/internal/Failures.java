package dev.circuitbreaker.internal;

/**
 * Logs what user code on the outcome path threw (a listener, an observer), so that it never breaks a call. The log
 * call itself is guarded: a logger that fails is not user code's problem either.
 */
public final class Failures {

    private static final System.Logger LOG = System.getLogger("dev.circuitbreaker");

    private Failures() {
    }

    /**
     * Logs {@code thrown} as a warning: {@code culprit} (a listener or observer, whose {@code toString} is user code
     * too) of {@code source} threw it and was skipped.
     */
    public static void log(Object culprit, String source, Throwable thrown) {
        try {
            LOG.log(System.Logger.Level.WARNING, culprit + " of " + source + " threw; ignored", thrown);
        } catch (Throwable logFailure) {
            // Nothing more can be done without breaking the call.
        }
    }
}
