package dev.circuitbreaker.sample.payments;

import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /payments} with {@code {"orderId": "o-1", "amountCents": 1999}} (both optional): 200 with a
 * {@code CHARGED} receipt, or 202 Accepted with a {@code DEFERRED} one when the fallback answered.
 */
@RestController
public class PaymentController {

    private final PaymentService payments;

    /** @param payments charges orders behind the breaker */
    public PaymentController(PaymentService payments) {
        this.payments = payments;
    }

    /**
     * @param request the order to charge; both fields are optional
     * @return 200 with a {@code CHARGED} receipt, 202 with a {@code DEFERRED} one, or 400 for a non-positive amount
     */
    @PostMapping("/payments")
    public ResponseEntity<Receipt> pay(@RequestBody(required = false) PaymentRequest request) {
        String orderId = request == null || request.orderId() == null || request.orderId().isBlank()
                ? "order-" + UUID.randomUUID().toString().substring(0, 8) : request.orderId();
        long amountCents = request == null || request.amountCents() == null ? 1999 : request.amountCents();
        if (amountCents <= 0) {
            return ResponseEntity.badRequest().build();
        }
        Receipt receipt = payments.charge(orderId, amountCents);
        return ResponseEntity.status(receipt.fallback() ? HttpStatus.ACCEPTED : HttpStatus.OK).body(receipt);
    }

    /**
     * The body of {@code POST /payments}.
     *
     * @param orderId the order; a random one when missing
     * @param amountCents the amount in cents; 1999 when missing
     */
    public record PaymentRequest(String orderId, Long amountCents) {
    }
}
