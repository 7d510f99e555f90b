package dev.circuitbreaker.test;

import dev.circuitbreaker.CircuitBreaker;
import dev.circuitbreaker.CircuitBreakerStats;
import dev.circuitbreaker.CircuitState;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import org.assertj.core.api.AbstractAssert;

/**
 * AssertJ assertions on a {@link CircuitBreaker}'s state and counters:
 *
 * <pre>{@code
 * import static dev.circuitbreaker.test.CircuitBreakerAssert.assertThat;
 *
 * assertThat(breaker).isOpen().hasFailedCalls(3).hasNotPermittedCalls(1);
 * }</pre>
 *
 * <p>The static {@code assertThat(CircuitBreaker)} can be imported next to AssertJ's own {@code assertThat}: Java
 * picks this one for a breaker. Each assertion reads a fresh {@link CircuitBreaker#stats()} snapshot (reading never
 * changes a breaker), and a failure names the breaker, the expected and the actual value, and shows the whole
 * snapshot. Counters are the cumulative ones since creation or the last reset; "buffered" ones are the current
 * window's. Like every AssertJ assertion object, not thread-safe; the breaker it reads may be used by other threads.
 */
public class CircuitBreakerAssert extends AbstractAssert<CircuitBreakerAssert, CircuitBreaker> {

    /** Rates are percentages computed in floating point: equal within this many percentage points. */
    private static final double RATE_TOLERANCE = 1e-9;

    /**
     * Use {@link #assertThat(CircuitBreaker)}.
     *
     * @param actual the breaker to check
     */
    protected CircuitBreakerAssert(CircuitBreaker actual) {
        super(actual, CircuitBreakerAssert.class);
    }

    /**
     * Starts assertions on {@code actual}; a null breaker fails the first assertion.
     *
     * @param actual the breaker to check
     * @return a new assertion on {@code actual}
     */
    public static CircuitBreakerAssert assertThat(CircuitBreaker actual) {
        return new CircuitBreakerAssert(actual);
    }

    /**
     * Verifies that the breaker is in {@code expected} state.
     *
     * @param expected the expected state
     * @return this assertion, for chaining
     */
    public CircuitBreakerAssert isInState(CircuitState expected) {
        Objects.requireNonNull(expected, "expected state must not be null");
        isNotNull();
        CircuitBreakerStats stats = actual.stats();
        if (stats.state() != expected) {
            failWithActualExpectedAndMessage(stats.state(), expected,
                    "%nExpecting circuit breaker '%s' to be %s but was %s%n(%s)", actual.name(), expected, stats.state(),
                    describe(stats));
        }
        return myself;
    }

    /**
     * Verifies that the breaker is {@link CircuitState#CLOSED}.
     *
     * @return this assertion, for chaining
     */
    public CircuitBreakerAssert isClosed() {
        return isInState(CircuitState.CLOSED);
    }

    /**
     * Verifies that the breaker is {@link CircuitState#OPEN} (not FORCED_OPEN: see {@link #isForcedOpen()}).
     *
     * @return this assertion, for chaining
     */
    public CircuitBreakerAssert isOpen() {
        return isInState(CircuitState.OPEN);
    }

    /**
     * Verifies that the breaker is {@link CircuitState#HALF_OPEN}.
     *
     * @return this assertion, for chaining
     */
    public CircuitBreakerAssert isHalfOpen() {
        return isInState(CircuitState.HALF_OPEN);
    }

    /**
     * Verifies that the breaker is {@link CircuitState#FORCED_OPEN}.
     *
     * @return this assertion, for chaining
     */
    public CircuitBreakerAssert isForcedOpen() {
        return isInState(CircuitState.FORCED_OPEN);
    }

    /**
     * Verifies that the breaker is {@link CircuitState#DISABLED}.
     *
     * @return this assertion, for chaining
     */
    public CircuitBreakerAssert isDisabled() {
        return isInState(CircuitState.DISABLED);
    }

    /**
     * Verifies the breaker's name.
     *
     * @param expected the expected name
     * @return this assertion, for chaining
     */
    public CircuitBreakerAssert hasName(String expected) {
        isNotNull();
        if (!actual.name().equals(expected)) {
            failWithActualExpectedAndMessage(actual.name(), expected,
                    "%nExpecting circuit breaker '%s' to be named '%s'", actual.name(), expected);
        }
        return myself;
    }

    /**
     * Verifies {@link CircuitBreakerStats#totalCalls()}: calls since creation or the last reset, rejections included.
     *
     * @param expected the expected value
     * @return this assertion, for chaining
     */
    public CircuitBreakerAssert hasTotalCalls(long expected) {
        return hasCount("totalCalls", CircuitBreakerStats::totalCalls, expected);
    }

    /**
     * Verifies {@link CircuitBreakerStats#successfulCalls()}.
     *
     * @param expected the expected value
     * @return this assertion, for chaining
     */
    public CircuitBreakerAssert hasSuccessfulCalls(long expected) {
        return hasCount("successfulCalls", CircuitBreakerStats::successfulCalls, expected);
    }

    /**
     * Verifies {@link CircuitBreakerStats#failedCalls()}: calls that threw a recorded exception.
     *
     * @param expected the expected value
     * @return this assertion, for chaining
     */
    public CircuitBreakerAssert hasFailedCalls(long expected) {
        return hasCount("failedCalls", CircuitBreakerStats::failedCalls, expected);
    }

    /**
     * Verifies {@link CircuitBreakerStats#ignoredCalls()}: ignored exceptions and cancelled calls.
     *
     * @param expected the expected value
     * @return this assertion, for chaining
     */
    public CircuitBreakerAssert hasIgnoredCalls(long expected) {
        return hasCount("ignoredCalls", CircuitBreakerStats::ignoredCalls, expected);
    }

    /**
     * Verifies {@link CircuitBreakerStats#notPermittedCalls()}: calls rejected without running.
     *
     * @param expected the expected value
     * @return this assertion, for chaining
     */
    public CircuitBreakerAssert hasNotPermittedCalls(long expected) {
        return hasCount("notPermittedCalls", CircuitBreakerStats::notPermittedCalls, expected);
    }

    /**
     * Verifies {@link CircuitBreakerStats#slowCalls()}.
     *
     * @param expected the expected value
     * @return this assertion, for chaining
     */
    public CircuitBreakerAssert hasSlowCalls(long expected) {
        return hasCount("slowCalls", CircuitBreakerStats::slowCalls, expected);
    }

    /**
     * Verifies {@link CircuitBreakerStats#bufferedCalls()}: the calls in the current window.
     *
     * @param expected the expected value
     * @return this assertion, for chaining
     */
    public CircuitBreakerAssert hasBufferedCalls(int expected) {
        return hasCount("bufferedCalls", CircuitBreakerStats::bufferedCalls, expected);
    }

    /**
     * Verifies {@link CircuitBreakerStats#bufferedFailedCalls()}: the recorded failures in the current window.
     *
     * @param expected the expected value
     * @return this assertion, for chaining
     */
    public CircuitBreakerAssert hasBufferedFailedCalls(int expected) {
        return hasCount("bufferedFailedCalls", CircuitBreakerStats::bufferedFailedCalls, expected);
    }

    /**
     * Verifies {@link CircuitBreakerStats#bufferedSlowCalls()}: the slow calls in the current window.
     *
     * @param expected the expected value
     * @return this assertion, for chaining
     */
    public CircuitBreakerAssert hasBufferedSlowCalls(int expected) {
        return hasCount("bufferedSlowCalls", CircuitBreakerStats::bufferedSlowCalls, expected);
    }

    /**
     * Verifies the window's failure rate in percent ({@code -1} while the window holds fewer than the minimum number
     * of calls), within 1e-9 percentage points.
     *
     * @param expected the expected value
     * @return this assertion, for chaining
     */
    public CircuitBreakerAssert hasFailureRate(double expected) {
        return hasRate("failureRate", CircuitBreakerStats::failureRate, expected);
    }

    /**
     * Verifies the window's slow-call rate in percent ({@code -1} below the minimum), within 1e-9 points.
     *
     * @param expected the expected value
     * @return this assertion, for chaining
     */
    public CircuitBreakerAssert hasSlowCallRate(double expected) {
        return hasRate("slowCallRate", CircuitBreakerStats::slowCallRate, expected);
    }

    /**
     * Verifies the time until an OPEN breaker lets a trial in ({@link Duration#ZERO} in every other state). Exact, so
     * meant for breakers on a {@link ManualTicker}.
     *
     * @param expected the expected value
     * @return this assertion, for chaining
     */
    public CircuitBreakerAssert hasRemainingWait(Duration expected) {
        Objects.requireNonNull(expected, "expected duration must not be null");
        isNotNull();
        CircuitBreakerStats stats = actual.stats();
        if (!stats.remainingWait().equals(expected)) {
            failWithActualExpectedAndMessage(stats.remainingWait(), expected,
                    "%nExpecting circuit breaker '%s' to have remainingWait %s but was %s%n(%s)", actual.name(),
                    expected, stats.remainingWait(), describe(stats));
        }
        return myself;
    }

    /**
     * Verifies how many calls the breaker's {@link CircuitBreaker#history()} holds.
     *
     * @param expected the expected value
     * @return this assertion, for chaining
     */
    public CircuitBreakerAssert hasHistorySize(int expected) {
        isNotNull();
        int size = actual.history().size();
        if (size != expected) {
            failWithActualExpectedAndMessage(size, expected,
                    "%nExpecting circuit breaker '%s' to have %s calls in its history but had %s%n(%s)", actual.name(),
                    expected, size, describe(actual.stats()));
        }
        return myself;
    }

    private CircuitBreakerAssert hasCount(String field, Function<CircuitBreakerStats, ? extends Number> value,
            long expected) {
        isNotNull();
        CircuitBreakerStats stats = actual.stats();
        long count = value.apply(stats).longValue();
        if (count != expected) {
            failWithActualExpectedAndMessage(count, expected,
                    "%nExpecting circuit breaker '%s' to have %s %s but was %s%n(%s)", actual.name(), field, expected,
                    count, describe(stats));
        }
        return myself;
    }

    private CircuitBreakerAssert hasRate(String field, Function<CircuitBreakerStats, Double> value, double expected) {
        isNotNull();
        CircuitBreakerStats stats = actual.stats();
        double rate = value.apply(stats);
        if (!(Math.abs(rate - expected) <= RATE_TOLERANCE)) {
            failWithActualExpectedAndMessage(rate, expected,
                    "%nExpecting circuit breaker '%s' to have %s %s but was %s%n(%s)", actual.name(), field, expected,
                    rate, describe(stats));
        }
        return myself;
    }

    /** The whole snapshot (every field of the record), for failure messages. */
    private static String describe(CircuitBreakerStats stats) {
        return stats.toString();
    }
}
