package dev.circuitbreaker.sample.payments;

import dev.circuitbreaker.BulkheadFullException;
import dev.circuitbreaker.CircuitBreakerOpenException;
import dev.circuitbreaker.sample.bank.BankProperties;
import dev.circuitbreaker.sample.bank.BankServer;
import dev.circuitbreaker.spring.CircuitBreaker;
import java.time.Duration;
import org.springframework.http.MediaType;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.stereotype.Service;
import org.springframework.web.client.RestClient;

/**
 * Charges orders at the bank over HTTP, behind the {@code payments} circuit breaker. While the bank fails, while
 * the breaker is open, or while its bulkhead is full ({@code max-concurrent-calls} charges already wait on the bank),
 * the fallback defers the charge instead of failing the order.
 */
@Service
public class PaymentService {

    private final RestClient bank;

    /**
     * @param http Spring Boot's HTTP client builder
     * @param bankServer the bank to call
     * @param properties the bank's read timeout
     */
    public PaymentService(RestClient.Builder http, BankServer bankServer, BankProperties properties) {
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(Duration.ofSeconds(1));
        requests.setReadTimeout(properties.getReadTimeout());
        this.bank = http.baseUrl(bankServer.baseUrl()).requestFactory(requests).build();
    }

    /**
     * Charges an order at the bank, behind the {@code payments} breaker.
     *
     * @param orderId the order
     * @param amountCents the amount in cents
     * @return a {@code CHARGED} receipt, or the fallback's {@code DEFERRED} one
     */
    @CircuitBreaker(name = "payments", fallback = "chargeFallback")
    public Receipt charge(String orderId, long amountCents) {
        BankCharge charge = bank.post().uri("/charges").contentType(MediaType.APPLICATION_JSON)
                .body(new BankChargeRequest(orderId, amountCents))
                .retrieve()
                .body(BankCharge.class);
        return Receipt.charged(orderId, amountCents, charge.transactionId());
    }

    /** The breaker is open: the bank was not called at all. */
    Receipt chargeFallback(String orderId, long amountCents, CircuitBreakerOpenException open) {
        return Receipt.deferred(orderId, amountCents, "circuit breaker 'payments' is " + open.state()
                + ": bank not called; next trial in " + open.remainingWait().toMillis() + " ms");
    }

    /**
     * The bulkhead is full: {@code max-concurrent-calls} charges are waiting on the bank already (a slow or hanging
     * bank), so this one answers at once instead of tying up one more request thread.
     */
    Receipt chargeFallback(String orderId, long amountCents, BulkheadFullException full) {
        return Receipt.deferred(orderId, amountCents, "bank busy: " + full.maxConcurrentCalls()
                + " calls in flight; bank not called");
    }

    /** The bank call failed (error status, timeout, connection refused). */
    Receipt chargeFallback(String orderId, long amountCents, Throwable failure) {
        return Receipt.deferred(orderId, amountCents, "bank call failed: " + failure.getClass().getSimpleName()
                + ": " + failure.getMessage());
    }

    record BankChargeRequest(String orderId, long amountCents) {
    }

    record BankCharge(String transactionId, String orderId, long amountCents) {
    }
}
