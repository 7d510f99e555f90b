package dev.circuitbreaker.sample.payments;

/**
 * The answer to a charge: {@code CHARGED} with the bank's transaction id, or {@code DEFERRED} when the fallback
 * answered instead of the bank (the order is accepted and charged later).
 *
 * @param fallback whether the fallback produced this receipt
 * @param reason why the charge was deferred; {@code null} when charged
 */
public record Receipt(String status, String orderId, long amountCents, String transactionId, boolean fallback,
        String reason) {

    static Receipt charged(String orderId, long amountCents, String transactionId) {
        return new Receipt("CHARGED", orderId, amountCents, transactionId, false, null);
    }

    static Receipt deferred(String orderId, long amountCents, String reason) {
        return new Receipt("DEFERRED", orderId, amountCents, null, true, reason);
    }
}
