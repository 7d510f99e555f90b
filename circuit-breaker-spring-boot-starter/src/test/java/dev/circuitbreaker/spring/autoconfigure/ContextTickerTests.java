package dev.circuitbreaker.spring.autoconfigure;

import static dev.circuitbreaker.test.CircuitBreakerAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.circuitbreaker.CircuitBreaker;
import dev.circuitbreaker.CircuitBreakerOpenException;
import dev.circuitbreaker.CircuitBreakerRegistry;
import dev.circuitbreaker.Ticker;
import dev.circuitbreaker.spring.StarterContext;
import dev.circuitbreaker.test.ManualTicker;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.NoUniqueBeanDefinitionException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** A {@link Ticker} bean in the context is the clock of the starter's breakers: a test moves their time by hand. */
class ContextTickerTests {

    private final ApplicationContextRunner runner = StarterContext.runner()
            .withPropertyValues("circuitbreaker.instances.payments.wait-duration-in-open-state=30s");

    @Test
    void aManualTickerBeanDrivesTheOpenWaitOfConfiguredAndRunTimeBreakersWithoutSleeping() {
        runner.withBean(ManualTicker.class, ManualTicker::new).run(context -> {
            ManualTicker ticker = context.getBean(ManualTicker.class);
            CircuitBreakerRegistry registry = context.getBean(CircuitBreakerRegistry.class);
            CircuitBreaker payments = registry.find("payments").orElseThrow();
            CircuitBreaker runTime = registry.circuitBreaker("created-at-run-time");
            trip(payments);
            trip(runTime);
            assertThat(payments).isOpen().hasRemainingWait(Duration.ofSeconds(30));
            assertThat(runTime).isOpen().hasRemainingWait(Duration.ofSeconds(5));

            ticker.advance(Duration.ofSeconds(5));
            assertThat(runTime).hasRemainingWait(Duration.ZERO);
            runTime.run(() -> { });
            assertThat(runTime).as("the wait is over: the call was a trial").isHalfOpen();
            assertThat(payments).hasRemainingWait(Duration.ofSeconds(25));
            assertThatThrownBy(() -> payments.run(() -> { })).isInstanceOf(CircuitBreakerOpenException.class);

            ticker.advance(Duration.ofSeconds(25));
            payments.run(() -> { });
            payments.run(() -> { });
            assertThat(payments).isClosed();
        });
    }

    @Test
    void withoutATickerBeanBreakersUseTheSystemTicker() {
        runner.run(context -> {
            CircuitBreaker payments = context.getBean(CircuitBreakerRegistry.class).find("payments").orElseThrow();
            trip(payments);
            assertThat(payments.stats().remainingWait()).as("real time passes")
                    .isLessThan(Duration.ofSeconds(30)).isGreaterThan(Duration.ofSeconds(20));
        });
    }

    @Test
    void twoTickerBeansFailStartupNamingThem() {
        runner.withBean("ticker1", Ticker.class, ManualTicker::new).withBean("ticker2", Ticker.class, ManualTicker::new)
                .run(context -> assertThat(context).getFailure()
                        .hasRootCauseInstanceOf(NoUniqueBeanDefinitionException.class)
                        .rootCause().hasMessageContainingAll("ticker1", "ticker2"));
    }

    private static void trip(CircuitBreaker breaker) {
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> breaker.call(() -> {
                throw new IOException("down");
            })).isInstanceOf(IOException.class);
        }
    }
}
