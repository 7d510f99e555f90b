package dev.circuitbreaker.spring.web;

import dev.circuitbreaker.spring.CircuitBreaker;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** A small application for the HTTP tests: a payment service guarded by the "payments" breaker. */
@SpringBootApplication(proxyBeanMethods = false)
public class PaymentsTestApplication {

    /** A secret the gateway leaks into its error message; the endpoint must never show it. */
    static final String SECRET = "hunter2-do-not-echo";

    @Bean
    Gateway gateway() {
        return new Gateway();
    }

    @Bean
    PaymentService paymentService(Gateway gateway) {
        return new PaymentService(gateway);
    }

    /** The downstream; fails while {@link #failing} is set. */
    static class Gateway {

        final AtomicBoolean failing = new AtomicBoolean();
        final AtomicInteger calls = new AtomicInteger();

        String charge(String txn) {
            calls.incrementAndGet();
            if (failing.get()) {
                throw new IllegalStateException("gateway refused login user=shop password=" + SECRET);
            }
            return "charged:" + txn;
        }
    }

    static class PaymentService {

        private final Gateway gateway;

        PaymentService(Gateway gateway) {
            this.gateway = gateway;
        }

        @CircuitBreaker(name = "payments", fallback = "chargeFallback")
        public String charge(String txn) {
            return gateway.charge(txn);
        }

        String chargeFallback(String txn, Throwable cause) {
            return "queued:" + txn;
        }
    }
}
