package dev.circuitbreaker.sample.bank;

import java.io.IOException;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Starts the fake bank with the application and stops it with the application. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BankProperties.class)
public class BankConfiguration {

    @Bean
    BankServer bankServer(BankProperties properties) throws IOException {
        return new BankServer(properties);
    }
}
