package dev.circuitbreaker.spring.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.circuitbreaker.CircuitBreakerOpenException;
import dev.circuitbreaker.CircuitBreakerRegistry;
import dev.circuitbreaker.CircuitState;
import java.io.UncheckedIOException;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.client.circuitbreaker.CircuitBreaker;
import org.springframework.cloud.client.circuitbreaker.CircuitBreakerFactory;
import org.springframework.cloud.client.circuitbreaker.NoFallbackAvailableException;

/** The blocking factory's contract: names, configs, fallbacks and Spring Cloud's no-fallback rule. */
class RegistryCircuitBreakerFactoryTests {

    private static final UncheckedIOException DOWN = new UncheckedIOException(new IOException("bank is down"));

    @Test
    void createHandsOutTheRegistrysBreakerNamedByTheId() {
        SpringCloudContext.runner().run(context -> {
            CircuitBreakerFactory<?, ?> factory = context.getBean(CircuitBreakerFactory.class);
            CircuitBreakerRegistry registry = context.getBean(CircuitBreakerRegistry.class);

            CircuitBreaker breaker = factory.create("BankClientbalanceString");

            assertThat(registry.find("BankClientbalanceString")).as("created on create(), before the first call").isPresent();
            assertThat(breaker.run(() -> "charged")).isEqualTo("charged");
            assertThat(registry.circuitBreaker("BankClientbalanceString").stats().successfulCalls()).isEqualTo(1);
        });
    }

    @Test
    void theFallbackReceivesTheCalleesOwnExceptionThenTheRejection() {
        SpringCloudContext.runner().run(context -> {
            CircuitBreaker breaker = context.getBean(CircuitBreakerFactory.class).create("payments");
            AtomicReference<Throwable> seen = new AtomicReference<>();
            AtomicInteger runs = new AtomicInteger();

            for (int i = 0; i < 3; i++) {
                String result = breaker.run(() -> {
                    runs.incrementAndGet();
                    throw DOWN;
                }, error -> {
                    seen.set(error);
                    return "deferred";
                });
                assertThat(result).isEqualTo("deferred");
                assertThat(seen.get()).isSameAs(DOWN);
            }
            String rejected = breaker.run(() -> {
                runs.incrementAndGet();
                return "charged";
            }, error -> {
                seen.set(error);
                return "deferred";
            });

            assertThat(rejected).isEqualTo("deferred");
            assertThat(runs).as("the rejected call never ran").hasValue(3);
            assertThat(seen.get()).isInstanceOf(CircuitBreakerOpenException.class);
            assertThat(((CircuitBreakerOpenException) seen.get()).breakerName()).isEqualTo("payments");
            assertThat(((CircuitBreakerOpenException) seen.get()).state()).isEqualTo(CircuitState.OPEN);
        });
    }

    @Test
    void runWithoutAFallbackThrowsSpringCloudsNoFallbackAvailableExceptionWithTheCause() {
        SpringCloudContext.runner().withPropertyValues("circuitbreaker.instances.payments.failure-threshold=1")
                .run(context -> {
                    CircuitBreaker breaker = context.getBean(CircuitBreakerFactory.class).create("payments");

                    assertThatThrownBy(() -> breaker.run(() -> {
                        throw DOWN;
                    })).isInstanceOf(NoFallbackAvailableException.class).hasCauseReference(DOWN);
                    assertThatThrownBy(() -> breaker.run(() -> "charged"))
                            .isInstanceOf(NoFallbackAvailableException.class)
                            .cause().isInstanceOf(CircuitBreakerOpenException.class);
                    assertThat(DOWN.getSuppressed()).as("the cause is not also attached as suppressed").isEmpty();
                });
    }

    @Test
    void aFallbackThatThrowsPassesItsExceptionOnWithTheOriginalSuppressed() {
        SpringCloudContext.runner().run(context -> {
            CircuitBreaker breaker = context.getBean(CircuitBreakerFactory.class).create("payments");
            IllegalStateException original = new IllegalStateException("bank says no");
            IllegalArgumentException fromFallback = new IllegalArgumentException("no fallback for that");

            assertThatThrownBy(() -> breaker.run(() -> {
                throw original;
            }, error -> {
                throw fromFallback;
            })).isSameAs(fromFallback);
            assertThat(fromFallback.getSuppressed()).containsExactly(original);
        });
    }

    @Test
    void theJvmsFatalErrorsSkipTheFallbackAndAreStillCounted() {
        SpringCloudContext.runner().run(context -> {
            CircuitBreaker breaker = context.getBean(CircuitBreakerFactory.class).create("payments");
            NoClassDefFoundError fatal = new NoClassDefFoundError("com/example/Missing");

            assertThatThrownBy(() -> breaker.run(() -> {
                throw fatal;
            }, error -> "fallback")).isSameAs(fatal);
            assertThat(context.getBean(CircuitBreakerRegistry.class).circuitBreaker("payments").stats().failedCalls())
                    .isEqualTo(1);
        });
    }

    @Test
    void aConfiguredInstanceGetsItsYamlConfigAndOtherIdsTheDefaults() {
        SpringCloudContext.runner()
                .withPropertyValues("circuitbreaker.defaults.failure-threshold=4",
                        "circuitbreaker.instances.BankClientbalanceString.failure-threshold=1",
                        "circuitbreaker.instances.BankClientbalanceString.wait-duration-in-open-state=30s")
                .run(context -> {
                    CircuitBreakerFactory<?, ?> factory = context.getBean(CircuitBreakerFactory.class);
                    CircuitBreakerRegistry registry = context.getBean(CircuitBreakerRegistry.class);

                    factory.create("BankClientbalanceString");
                    factory.create("unconfigured");

                    assertThat(registry.circuitBreaker("BankClientbalanceString").config().failureThreshold()).isEqualTo(1);
                    assertThat(registry.circuitBreaker("BankClientbalanceString").config().waitDurationInOpenState())
                            .hasSeconds(30);
                    assertThat(registry.circuitBreaker("unconfigured").config().failureThreshold()).isEqualTo(4);
                });
    }

    @Test
    void springCloudsGroupNameIsANamingHintAndNeverOurStateSharingGroup() {
        SpringCloudContext.runner().run(context -> {
            CircuitBreakerFactory<?, ?> factory = context.getBean(CircuitBreakerFactory.class);
            CircuitBreakerRegistry registry = context.getBean(CircuitBreakerRegistry.class);

            CircuitBreaker balance = factory.create("BankClientbalanceString", "bank");
            CircuitBreaker charge = factory.create("BankClientchargeString", "bank");
            for (int i = 0; i < 3; i++) {
                balance.run(() -> {
                    throw DOWN;
                }, error -> "fallback");
            }

            assertThat(registry.circuitBreaker("BankClientbalanceString").state()).isEqualTo(CircuitState.OPEN);
            assertThat(registry.circuitBreaker("BankClientchargeString").state()).isEqualTo(CircuitState.CLOSED);
            assertThat(charge.run(() -> "charged", error -> "fallback")).isEqualTo("charged");
            assertThat(registry.circuitBreaker("BankClientbalanceString").config().group()).isNull();
            assertThat(registry.find("bank")).as("no breaker is named after the group").isEmpty();
        });
    }

    @Test
    void aBreakerRemovedFromTheRegistryIsCreatedAgainOnTheNextRun() {
        SpringCloudContext.runner().withPropertyValues("circuitbreaker.instances.payments.failure-threshold=1")
                .run(context -> {
                    CircuitBreakerRegistry registry = context.getBean(CircuitBreakerRegistry.class);
                    CircuitBreaker breaker = context.getBean(CircuitBreakerFactory.class).create("payments");
                    dev.circuitbreaker.CircuitBreaker before = registry.circuitBreaker("payments");

                    registry.remove("payments");
                    breaker.run(() -> "charged");

                    dev.circuitbreaker.CircuitBreaker after = registry.find("payments").orElseThrow();
                    assertThat(after).isNotSameAs(before);
                    assertThat(after.config().failureThreshold()).as("re-created from its YAML").isEqualTo(1);
                    assertThat(after.stats().successfulCalls()).isEqualTo(1);
                });
    }

    @Test
    void aBlankIdIsRejectedNamingIt() {
        SpringCloudContext.runner().run(context -> assertThatThrownBy(
                () -> context.getBean(CircuitBreakerFactory.class).create(" "))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("a Spring Cloud circuit breaker id must not be null or blank but was \" \""));
    }
}
