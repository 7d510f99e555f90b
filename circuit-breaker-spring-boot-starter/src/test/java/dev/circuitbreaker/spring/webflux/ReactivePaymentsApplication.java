package dev.circuitbreaker.spring.webflux;

import dev.circuitbreaker.spring.CircuitBreaker;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A WebFlux payments service: a {@code @RestController} returning the {@code Mono} and {@code Flux} of a service whose
 * {@code @CircuitBreaker} methods call a downstream only when subscribed. No component scan: only these beans (the
 * nested controller is registered as a member class of this configuration).
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class ReactivePaymentsApplication {

    @Bean
    Downstream downstream() {
        return new Downstream();
    }

    @Bean
    ReactivePayments reactivePayments(Downstream downstream) {
        return new ReactivePayments(downstream);
    }

    /** The downstream; fails while {@link #failing} is set, and counts the calls that reached it. */
    static class Downstream {

        final AtomicBoolean failing = new AtomicBoolean();
        final AtomicInteger calls = new AtomicInteger();

        Mono<String> charge(String txn) {
            return Mono.fromCallable(() -> {
                calls.incrementAndGet();
                if (failing.get()) {
                    throw new IOException("bank unavailable");
                }
                return "charged:" + txn;
            });
        }

        Flux<String> statement() {
            return Flux.defer(() -> {
                calls.incrementAndGet();
                return failing.get() ? Flux.concat(Flux.just("line-1"), Flux.error(new IOException("cut off")))
                        : Flux.just("line-1", "line-2");
            });
        }
    }

    /** The guarded service. */
    public static class ReactivePayments {

        private final Downstream downstream;

        ReactivePayments(Downstream downstream) {
            this.downstream = downstream;
        }

        @CircuitBreaker(name = "payments", fallback = "chargeFallback")
        public Mono<String> charge(String txn) {
            return downstream.charge(txn);
        }

        Mono<String> chargeFallback(String txn, Throwable cause) {
            return Mono.just("queued:" + txn + ":" + cause.getClass().getSimpleName());
        }

        @CircuitBreaker(name = "statements")
        public Flux<String> statement() {
            return downstream.statement();
        }
    }

    @RestController
    static class PaymentsController {

        private final ReactivePayments payments;

        PaymentsController(ReactivePayments payments) {
            this.payments = payments;
        }

        @GetMapping("/payments/{txn}")
        Mono<String> charge(@PathVariable String txn) {
            return payments.charge(txn);
        }

        @GetMapping("/statement")
        Flux<String> statement() {
            return payments.statement().map(line -> line + "\n");
        }
    }
}
