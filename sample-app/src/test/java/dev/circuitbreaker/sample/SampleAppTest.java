package dev.circuitbreaker.sample;

import dev.circuitbreaker.test.ResetCircuitBreakers;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole sample on a random port with the test profile's short waits and metrics export on (Boot turns it off
 * in tests otherwise; each line reads its own property: Boot 3.5 {@code spring.test.observability.auto-configure},
 * Boot 4.1 {@code spring.test.metrics.export}, in place of their different annotations). Every test class uses this
 * one set-up, so they share one application context. The breakers run on a {@link ManualTime manual ticker}, and
 * each test starts from reset breakers ({@link ResetCircuitBreakers}) and a healthy bank
 * ({@link SampleClient#healthyBank()}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = {PaymentsApplication.class, ManualTime.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.test.observability.auto-configure=true", "spring.test.metrics.export=true"})
@ActiveProfiles("test")
@ResetCircuitBreakers
public @interface SampleAppTest {
}
