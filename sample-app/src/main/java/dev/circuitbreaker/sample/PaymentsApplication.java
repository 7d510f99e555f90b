package dev.circuitbreaker.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The sample payments service: a circuit breaker in front of a flaky downstream bank. */
@SpringBootApplication
public class PaymentsApplication {

    /**
     * Starts the service.
     *
     * @param args Spring Boot command-line arguments, e.g. {@code --server.port=9090}
     */
    public static void main(String[] args) {
        SpringApplication.run(PaymentsApplication.class, args);
    }
}
