package dev.circuitbreaker.sample;

import dev.circuitbreaker.test.ManualTicker;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The breakers' time in the sample's tests: a {@link ManualTicker} bean, which the starter's registry uses, so a test
 * ends the open wait with {@code ticker.advance(...)} instead of waiting for it. A test that needs real call
 * durations (the slow bank) sets {@code sample.test.real-time=true} and gets the system ticker.
 */
@TestConfiguration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "sample.test.real-time", havingValue = "false", matchIfMissing = true)
class ManualTime {

    @Bean
    ManualTicker manualTicker() {
        return new ManualTicker();
    }
}
