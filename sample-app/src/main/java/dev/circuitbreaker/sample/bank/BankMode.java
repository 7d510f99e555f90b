package dev.circuitbreaker.sample.bank;

/** How the fake bank answers a charge. */
public enum BankMode {
    /** Charges succeed at once. */
    HEALTHY,
    /** Every charge fails with 503 Service Unavailable. */
    FAILING,
    /** Charges succeed after {@code bank.slow-delay}. */
    SLOW,
    /**
     * Charges get no answer: each waits until the mode changes (then the new mode answers it), or at most
     * {@code bank.max-hang}. The payments service gives up after {@code bank.read-timeout}.
     */
    HANGING,
    /** Every other charge fails: the first fails, the second succeeds, and so on. */
    FLAPPING
}
