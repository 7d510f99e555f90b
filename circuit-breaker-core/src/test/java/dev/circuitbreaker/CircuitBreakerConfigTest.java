package dev.circuitbreaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CircuitBreakerConfigTest {

    @Test
    void defaultsAreTheSeedsAndTheSpecsTable() {
        CircuitBreakerConfig c = CircuitBreakerConfig.ofDefaults();
        assertThat(c.failureThreshold()).isEqualTo(3);
        assertThat(c.slidingWindowType()).isEqualTo(SlidingWindowType.COUNT_BASED);
        assertThat(c.slidingWindowSize()).isEqualTo(10);
        assertThat(c.hasFailureRateRule()).isFalse();
        assertThat(c.minimumNumberOfCalls()).isEqualTo(10);
        assertThat(c.hasSlowCallRule()).isFalse();
        assertThat(c.slowCallRateThreshold()).isEqualTo(100);
        assertThat(c.exceptionThresholds()).isEmpty();
        assertThat(c.recordExceptions()).isEmpty();
        assertThat(c.ignoreExceptions()).isEmpty();
        assertThat(c.waitDurationInOpenState()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.backoffMultiplier()).isEqualTo(1.0);
        assertThat(c.maxWaitDurationInOpenState()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.successThreshold()).isEqualTo(2);
        assertThat(c.permittedCallsInHalfOpenState()).isEqualTo(2);
        assertThat(c.maxWaitDurationInHalfOpenState()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.historySize()).isEqualTo(100);
        assertThat(c.maxConcurrentCalls()).isZero();
        assertThat(c.callTimeout()).isNull();
        assertThat(c.group()).isNull();
    }

    @Test
    void theLongestRepresentableDurationIsAcceptedAndABreakerCanBeCreatedWithIt() {
        CircuitBreakerConfig config = CircuitBreakerConfig.builder()
                .waitDurationInOpenState(ConfigOption.MAX_DURATION)
                .maxWaitDurationInOpenState(ConfigOption.MAX_DURATION)
                .maxWaitDurationInHalfOpenState(ConfigOption.MAX_DURATION)
                .slowCallDurationThreshold(ConfigOption.MAX_DURATION)
                .callTimeout(ConfigOption.MAX_DURATION)
                .build();
        CircuitBreaker cb = CircuitBreaker.builder("long").config(config).ticker(new FakeTicker(Long.MAX_VALUE)).build();
        cb.transitionToOpen();
        assertThat(cb.stats().remainingWait()).isEqualTo(ConfigOption.MAX_DURATION);
    }

    @Test
    void everyOptionIsDeclaredOnceInTableOrderAndEveryDeclarationHasAGetterAndABuilderMethod() throws Exception {
        java.util.List<String> names = ConfigOption.all().stream().map(ConfigOption::name).toList();
        assertThat(names).doesNotHaveDuplicates();
        assertThat(CircuitBreakerConfig.ofDefaults().options().keySet()).containsExactlyElementsOf(names);
        for (ConfigOption<?> option : ConfigOption.all()) {
            assertThat(CircuitBreakerConfig.class.getMethod(option.name())).as(option.name()).isNotNull();
            boolean hasSetter = java.util.Arrays.stream(CircuitBreakerConfigBuilder.class.getMethods())
                    .anyMatch(m -> m.getName().equals(option.name()) || m.getName().equals("exceptionThreshold")
                            && option == ConfigOption.EXCEPTION_THRESHOLDS);
            assertThat(hasSetter).as("builder method for %s", option.name()).isTrue();
        }
    }

    @Test
    void permittedTrialCallsFollowTheSuccessThresholdUnlessSet() {
        assertThat(CircuitBreakerConfig.builder().successThreshold(4).build().permittedCallsInHalfOpenState()).isEqualTo(4);
        assertThat(CircuitBreakerConfig.builder().successThreshold(4).permittedCallsInHalfOpenState(1).build()
                .permittedCallsInHalfOpenState()).isEqualTo(1);
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                bad("failureThreshold", "-1", b -> b.failureThreshold(-1)),
                bad("slidingWindowSize", "0", b -> b.slidingWindowSize(0)),
                bad("slidingWindowSize", "-5", b -> b.slidingWindowSize(-5)),
                bad("slidingWindowType", "null", b -> b.slidingWindowType(null)),
                bad("failureRateThreshold", "0.0", b -> b.failureRateThreshold(0)),
                bad("failureRateThreshold", "100.5", b -> b.failureRateThreshold(100.5)),
                bad("failureRateThreshold", "NaN", b -> b.failureRateThreshold(Double.NaN)),
                bad("minimumNumberOfCalls", "0", b -> b.minimumNumberOfCalls(0)),
                bad("slowCallDurationThreshold", "PT0S", b -> b.slowCallDurationThreshold(Duration.ZERO)),
                bad("slowCallDurationThreshold", "null", b -> b.slowCallDurationThreshold(null)),
                bad("slowCallRateThreshold", "-1.0", b -> b.slowCallRateThreshold(-1)),
                bad("exceptionThreshold(java.io.IOException)", "0", b -> b.exceptionThreshold(IOException.class, 0)),
                bad("exceptionThreshold type", "null", b -> b.exceptionThreshold(null, 1)),
                bad("recordExceptions", "null", b -> b.recordExceptions((java.util.Collection<Class<? extends Throwable>>) null)),
                bad("ignoreExceptions", "[null]", b -> b.ignoreExceptions(java.util.Arrays.asList((Class<? extends Throwable>) null))),
                bad("waitDurationInOpenState", "PT-1S", b -> b.waitDurationInOpenState(Duration.ofSeconds(-1))),
                bad("waitDurationInOpenState", "PT0S", b -> b.waitDurationInOpenState(Duration.ZERO)),
                bad("backoffMultiplier", "0.5", b -> b.backoffMultiplier(0.5)),
                bad("backoffMultiplier", "Infinity", b -> b.backoffMultiplier(Double.POSITIVE_INFINITY)),
                bad("maxWaitDurationInOpenState", "PT0S", b -> b.maxWaitDurationInOpenState(Duration.ZERO)),
                bad("successThreshold", "0", b -> b.successThreshold(0)),
                bad("permittedCallsInHalfOpenState", "0", b -> b.permittedCallsInHalfOpenState(0)),
                bad("maxWaitDurationInHalfOpenState", "PT-0.001S", b -> b.maxWaitDurationInHalfOpenState(Duration.ofMillis(-1))),
                bad("historySize", "-1", b -> b.historySize(-1)),
                bad("group", "null", b -> b.group(null)),
                bad("group", "\" \"", b -> b.group(" ")),
                bad("maxConcurrentCalls", "-1", b -> b.maxConcurrentCalls(-1)),
                bad("callTimeout", "PT0S", b -> b.callTimeout(Duration.ZERO)),
                bad("callTimeout", "null", b -> b.callTimeout(null)),
                // Issue 11, defect 6: durations a breaker cannot represent in nanoseconds used to pass build() and
                // throw ArithmeticException when a breaker was created.
                bad("maxWaitDurationInHalfOpenState", "PT2628000H", b -> b.maxWaitDurationInHalfOpenState(Duration.ofDays(365 * 300))),
                bad("waitDurationInOpenState", "PT2628000H", b -> b.waitDurationInOpenState(Duration.ofDays(365 * 300))),
                bad("maxWaitDurationInOpenState", "PT2628000H", b -> b.maxWaitDurationInOpenState(Duration.ofDays(365 * 300))),
                bad("slowCallDurationThreshold", "PT2628000H", b -> b.slowCallDurationThreshold(Duration.ofDays(365 * 300))),
                bad("callTimeout", "PT2628000H", b -> b.callTimeout(Duration.ofDays(365 * 300))));
    }

    static Arguments bad(String option, String value, Consumer<CircuitBreakerConfigBuilder> setter) {
        return Arguments.of(option, value, setter);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("badValues")
    void everyInvalidValueIsRejectedAtOnceNamingTheOptionAndTheValue(String option, String value,
            Consumer<CircuitBreakerConfigBuilder> setter) {
        assertThatThrownBy(() -> setter.accept(CircuitBreakerConfig.builder()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(option + " ")
                .hasMessageEndingWith("but was " + value);
    }

    @Test
    void aConfigInWhichNoRuleCanOpenTheBreakerIsAnError() {
        assertThatThrownBy(() -> CircuitBreakerConfig.builder().failureThreshold(0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("failureThreshold is 0");
    }

    @Test
    void failureThresholdZeroSwitchesTheCountRuleOffWhenAnotherRuleIsSet() {
        assertThat(CircuitBreakerConfig.builder().failureThreshold(0).failureRateThreshold(50).build().failureThreshold()).isZero();
        assertThat(CircuitBreakerConfig.builder().failureThreshold(0).slowCallDurationThreshold(Duration.ofSeconds(1)).build()).isNotNull();
        assertThat(CircuitBreakerConfig.builder().failureThreshold(0).exceptionThreshold(TimeoutException.class, 2).build()).isNotNull();
    }

    @Test
    void aCountThresholdLargerThanACountWindowIsAnError() {
        assertThatThrownBy(() -> CircuitBreakerConfig.builder().slidingWindowSize(5).failureThreshold(6).build())
                .hasMessageContaining("failureThreshold (6)").hasMessageContaining("slidingWindowSize (5)");
        assertThatThrownBy(() -> CircuitBreakerConfig.builder().slidingWindowSize(5).exceptionThreshold(IOException.class, 6).build())
                .hasMessageContaining("exceptionThreshold(java.io.IOException) (6)");
    }

    @Test
    void aLargeThresholdIsFineForATimeWindowWhoseSizeIsInSeconds() {
        assertThat(CircuitBreakerConfig.builder().slidingWindow(SlidingWindowType.TIME_BASED, 5).failureThreshold(50).build()
                .failureThreshold()).isEqualTo(50);
    }

    @Test
    void aMinimumLargerThanACountWindowIsAnErrorOnlyWhenARateRuleIsOn() {
        assertThatThrownBy(() -> CircuitBreakerConfig.builder().slidingWindowSize(5).minimumNumberOfCalls(6).failureRateThreshold(50).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("minimumNumberOfCalls (6)");
        assertThatThrownBy(() -> CircuitBreakerConfig.builder().slidingWindowSize(5).minimumNumberOfCalls(6)
                .slowCallDurationThreshold(Duration.ofSeconds(1)).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(CircuitBreakerConfig.builder().slidingWindowSize(5).minimumNumberOfCalls(6).build().minimumNumberOfCalls()).isEqualTo(6);
    }

    @Test
    void aBackoffCapBelowTheWaitIsAnErrorOnlyWithBackoff() {
        assertThatThrownBy(() -> CircuitBreakerConfig.builder().backoffMultiplier(2)
                .waitDurationInOpenState(Duration.ofMinutes(10)).maxWaitDurationInOpenState(Duration.ofMinutes(1)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxWaitDurationInOpenState (PT1M)");
        assertThat(CircuitBreakerConfig.builder().waitDurationInOpenState(Duration.ofMinutes(10))
                .maxWaitDurationInOpenState(Duration.ofMinutes(1)).build()).isNotNull();
    }

    @Test
    void aThresholdOnAnIgnoredExceptionTypeIsAnError() {
        assertThatThrownBy(() -> CircuitBreakerConfig.builder().ignoreExceptions(IOException.class)
                .exceptionThreshold(java.io.FileNotFoundException.class, 2).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exceptionThreshold(java.io.FileNotFoundException)");
    }

    @Test
    void historySizeZeroIsValid() {
        assertThat(CircuitBreakerConfig.builder().historySize(0).build().historySize()).isZero();
    }

    @Test
    void configsWithTheSameOptionsAreEqualAndToBuilderCopiesEveryOption() {
        CircuitBreakerConfig a = CircuitBreakerConfig.builder().failureRateThreshold(40).recordExceptions(IOException.class, TimeoutException.class)
                .exceptionThreshold(TimeoutException.class, 2).backoffMultiplier(2).group("g").historySize(5).build();
        CircuitBreakerConfig b = a.toBuilder().build();
        assertThat(b).isEqualTo(a).hasSameHashCodeAs(a);
        assertThat(b.options()).isEqualTo(a.options());
        assertThat(a.toBuilder().historySize(6).build()).isNotEqualTo(a).satisfies(c -> assertThat(c.hasSameRulesAs(a)).isTrue());
        assertThat(a.toBuilder().failureThreshold(2).build().hasSameRulesAs(a)).isFalse();
    }

    @Test
    void theBuiltConfigDoesNotChangeWhenTheBuilderDoes() {
        CircuitBreakerConfigBuilder builder = CircuitBreakerConfig.builder().recordExceptions(IOException.class);
        CircuitBreakerConfig config = builder.build();
        builder.recordExceptions(TimeoutException.class).exceptionThreshold(IOException.class, 1);
        assertThat(config.recordExceptions()).containsExactly(IOException.class);
        assertThat(config.exceptionThresholds()).isEmpty();
        assertThatThrownBy(() -> config.recordExceptions().clear()).isInstanceOf(UnsupportedOperationException.class);
    }
}
