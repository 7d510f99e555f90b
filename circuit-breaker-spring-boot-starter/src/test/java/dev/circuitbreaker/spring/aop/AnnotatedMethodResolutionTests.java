package dev.circuitbreaker.spring.aop;

import static dev.circuitbreaker.spring.aop.CircuitBreakerAdviceTests.registry;
import static dev.circuitbreaker.spring.aop.CircuitBreakerAdviceTests.stats;
import static org.assertj.core.api.Assertions.assertThat;

import dev.circuitbreaker.spring.CircuitBreaker;
import dev.circuitbreaker.spring.aop.CircuitBreakerAdviceTests.Payments;
import org.junit.jupiter.api.Test;
import org.springframework.aop.support.AopUtils;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Which breaker an intercepted call uses: through interface proxies, per bean, and after registry removals. */
class AnnotatedMethodResolutionTests {

    private final ApplicationContextRunner runner = CircuitBreakerAdviceTests.runner();

    @Test
    void aBeanBehindAnInterfaceProxyIsGuardedThroughItsImplementationsAnnotation() {
        runner.withUserConfiguration(QuoteConfig.class).run(context -> {
            QuoteSource quotes = context.getBean(QuoteSource.class);
            assertThat(AopUtils.isJdkDynamicProxy(quotes)).isTrue();
            assertThat(quotes.quote("EUR")).isEqualTo("cached:EUR");
            assertThat(stats(context, "quotes").failedCalls()).isEqualTo(1);
        });
    }

    @Test
    void aBreakerRemovedFromTheRegistryIsCreatedAgainOnTheNextAnnotatedCall() {
        runner.run(context -> {
            Payments payments = context.getBean(Payments.class);
            payments.charge("t1");
            dev.circuitbreaker.CircuitBreaker before = registry(context).find("payments").orElseThrow();
            assertThat(before.stats().successfulCalls()).isEqualTo(1);

            assertThat(registry(context).remove("payments")).containsSame(before);
            payments.charge("t2");
            payments.charge("t3");

            dev.circuitbreaker.CircuitBreaker after = registry(context).find("payments").orElseThrow();
            assertThat(after).isNotSameAs(before);
            assertThat(after.stats().successfulCalls()).isEqualTo(2);
            assertThat(before.stats().successfulCalls()).isEqualTo(1);
            // Re-created from its instance configuration, not from the defaults.
            assertThat(after.config()).isEqualTo(before.config());
        });
    }

    @Test
    void twoBeansBehindTheSameInterfaceProxyClassKeepTheirOwnBreakers() {
        runner.withUserConfiguration(TwoQuoteSources.class).run(context -> {
            QuoteSource primary = context.getBean("primaryQuotes", QuoteSource.class);
            QuoteSource backup = context.getBean("backupQuotes", QuoteSource.class);
            // One JDK proxy class serves both, so both calls arrive with the very same Method instance.
            assertThat(primary.getClass()).isSameAs(backup.getClass());
            for (int i = 0; i < 3; i++) {
                assertThat(primary.quote("EUR")).isEqualTo("cached:EUR");
                assertThat(backup.quote("USD")).isEqualTo("backup:USD");
            }
            assertThat(backup.quote("GBP")).isEqualTo("backup:GBP");
            assertThat(stats(context, "quotes").failedCalls()).isEqualTo(3);
            assertThat(stats(context, "quotes").successfulCalls()).isZero();
            assertThat(stats(context, "backup-quotes").successfulCalls()).isEqualTo(4);
            assertThat(stats(context, "backup-quotes").failedCalls()).isZero();
        });
    }

    interface QuoteSource {
        String quote(String currency);
    }

    static class FailingQuotes implements QuoteSource {

        @Override
        @CircuitBreaker(name = "quotes", fallback = "cachedQuote")
        public String quote(String currency) {
            throw new IllegalStateException("feed down");
        }

        String cachedQuote(String currency, IllegalStateException cause) {
            return "cached:" + currency;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class QuoteConfig {
        @Bean
        QuoteSource quotes() {
            return new FailingQuotes();
        }
    }

    @CircuitBreaker(name = "backup-quotes")
    static class BackupQuotes implements QuoteSource {

        @Override
        public String quote(String currency) {
            return "backup:" + currency;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class TwoQuoteSources {
        @Bean
        QuoteSource primaryQuotes() {
            return new FailingQuotes();
        }

        @Bean
        QuoteSource backupQuotes() {
            return new BackupQuotes();
        }
    }
}
