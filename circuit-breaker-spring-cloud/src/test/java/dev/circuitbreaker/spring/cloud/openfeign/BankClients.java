package dev.circuitbreaker.spring.cloud.openfeign;

import java.util.concurrent.atomic.AtomicReference;
import org.springframework.cloud.openfeign.FallbackFactory;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** The Feign clients of the OpenFeign tests, both pointing at the test's {@code Downstream}. */
final class BankClients {

    private BankClients() {
    }

    /** Feign's breaker ids: {@code BankClientbalanceString}, {@code BankClientchargeString}. */
    @FeignClient(name = "bank", url = "${bank.url}", fallbackFactory = BankFallbacks.class)
    interface BankClient {

        @GetMapping("/balance/{account}")
        String balance(@PathVariable("account") String account);

        @GetMapping("/charge/{account}")
        String charge(@PathVariable("account") String account);
    }

    /** No fallback: Spring Cloud's {@code NoFallbackAvailableException}. Breaker id {@code LedgerCliententriesString}. */
    @FeignClient(name = "ledger", url = "${bank.url}")
    interface LedgerClient {

        @GetMapping("/entries/{account}")
        String entries(@PathVariable("account") String account);
    }

    /** Answers {@code "fallback"} and remembers the throwable Spring Cloud handed it. */
    static final class BankFallbacks implements FallbackFactory<BankClient> {

        final AtomicReference<Throwable> lastCause = new AtomicReference<>();

        @Override
        public BankClient create(Throwable cause) {
            lastCause.set(cause);
            return new BankClient() {
                @Override
                public String balance(String account) {
                    return "fallback";
                }

                @Override
                public String charge(String account) {
                    return "fallback";
                }
            };
        }
    }
}
