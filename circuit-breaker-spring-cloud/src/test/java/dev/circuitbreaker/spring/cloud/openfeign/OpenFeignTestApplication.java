package dev.circuitbreaker.spring.cloud.openfeign;

import dev.circuitbreaker.spring.cloud.Downstream;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.context.annotation.Bean;

/** A web application with two Feign clients (no component scan, so other tests' configurations stay out). */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableFeignClients(clients = {BankClients.BankClient.class, BankClients.LedgerClient.class})
class OpenFeignTestApplication {

    /** The downstream every Feign client of these tests calls; one per JVM, on a free port. */
    static final Downstream BANK = Downstream.start();

    @Bean
    BankClients.BankFallbacks bankFallbacks() {
        return new BankClients.BankFallbacks();
    }
}
