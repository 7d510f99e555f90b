package dev.circuitbreaker.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.circuitbreaker.CircuitBreaker;
import dev.circuitbreaker.CircuitBreakerRegistry;
import dev.circuitbreaker.sample.bank.BankMode;
import dev.circuitbreaker.sample.bank.BankServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

/**
 * What the bulkhead buys, end to end over real HTTP: the bank hangs, and a flood of concurrent payments (twice as
 * many as the service has request threads: 8, profile {@code small-pool}) keeps coming. With the bulkhead
 * ({@code max-concurrent-calls: 2}) two threads wait on the bank and every other payment gets the fallback at once,
 * so {@code /actuator/health} and {@code GET /bank/mode} (which never calls the bank) keep answering within 1 s at
 * the 99th percentile (100 probes each). Without it ({@code max-concurrent-calls: 0}) every thread waits on the
 * bank and the same probes time out (until the bank read timeout, 10 s, would free the threads; the test ends
 * before). Before the bank hangs, both endpoints are warmed up, as a running service's are. The ordering comes from
 * awaiting observable facts (requests hanging at the bank, fallback answers), never from sleeps; the breakers run
 * on the real clock.
 */
@SpringBootTest(classes = PaymentsApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "small-pool"})
class BulkheadProtectionTest {

    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);
    static final String HEALTH = "/actuator/health";
    static final String NON_BANK = "/bank/mode";

    /** The flood and the hanging bank of one test, ended whatever the test's outcome. */
    abstract static class Scenario {

        @LocalServerPort
        int port;

        /** 8 in the small-pool profile. */
        @Value("${server.tomcat.threads.max}")
        int requestThreads;

        @Autowired
        BankServer bank;

        @Autowired
        CircuitBreakerRegistry registry;

        Flood flood;
        CircuitBreaker payments;

        @BeforeEach
        void hangTheBankAndFlood() {
            payments = registry.find("payments").orElseThrow();
            payments.reset();
            new Probes(port, PROBE_TIMEOUT, HEALTH, NON_BANK).run(20); // warm: a fresh context's first requests are not the point
            new SampleClient(port).bankMode("hanging");
            flood = Flood.start(port, 2 * requestThreads);
        }

        @AfterEach
        void endTheFloodAndTheHang() throws Exception {
            flood.stop();
            bank.switchTo(BankMode.HEALTHY);
            flood.awaitDrained(Duration.ofSeconds(30));
            payments.reset();
        }
    }

    /** The small-pool profile's {@code max-concurrent-calls: 2}. */
    @Nested
    class WithTheBulkhead extends Scenario {

        @Test
        void healthAndANonBankEndpointKeepAnsweringWithinOneSecondAtTheNinetyNinthPercentile() {
            assertThat(payments.config().maxConcurrentCalls()).isEqualTo(2);
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10)).until(() ->
                    bank.inFlight() >= 2 && payments.stats().concurrentCalls() == 2 && flood.bankBusy() >= 2 * requestThreads);

            Probes probes = new Probes(port, PROBE_TIMEOUT, HEALTH, NON_BANK).run(100);

            for (String path : new String[] {HEALTH, NON_BANK}) {
                assertThat(probes.timeouts(path)).as("probes of %s that got no answer within 1 s", path).isZero();
                assertThat(probes.of(path)).as("%s answers", path).allSatisfy(p -> assertThat(p.status()).isEqualTo(200));
                assertThat(probes.p99(path)).as("p99 of %s", path).isLessThan(PROBE_TIMEOUT);
            }
            assertThat(payments.stats().bulkheadFullCalls()).isGreaterThanOrEqualTo(2L * requestThreads);
        }
    }

    /** The same service and flood with the bulkhead switched off. */
    @Nested
    @TestPropertySource(properties = "circuitbreaker.instances.payments.max-concurrent-calls=0")
    class WithoutTheBulkhead extends Scenario {

        @Test
        void healthAndANonBankEndpointTimeOutWhileEveryRequestThreadWaitsOnTheBank() {
            assertThat(payments.config().maxConcurrentCalls()).isZero();
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10))
                    .until(() -> bank.inFlight() >= requestThreads);

            Probes probes = new Probes(port, PROBE_TIMEOUT, HEALTH, NON_BANK).run(3);

            for (String path : new String[] {HEALTH, NON_BANK}) {
                assertThat(probes.timeouts(path)).as("probes of %s that got no answer within 1 s", path).isEqualTo(3);
                assertThat(probes.p99(path)).as("p99 of %s", path).isGreaterThanOrEqualTo(PROBE_TIMEOUT);
            }
            assertThat(flood.bankBusy()).as("nothing stopped the flood from reaching the bank").isZero();
            assertThat(payments.stats().failedCalls()).as("the breaker has learnt nothing yet: no call has returned").isZero();
        }
    }
}
