package dev.circuitbreaker.test;

import dev.circuitbreaker.Ticker;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link Ticker} that never moves on its own: it reads the same value until a test {@linkplain #advance(Duration)
 * advances} it. Give it to a breaker (or, in Spring, declare it as a {@code Ticker} bean, which the starter's
 * registry then uses) and the test decides when an open wait is over, without sleeping:
 *
 * <pre>{@code
 * ManualTicker ticker = new ManualTicker();
 * CircuitBreaker breaker = CircuitBreaker.builder("payments").config(config).ticker(ticker).build();
 * // ... three failures: OPEN
 * ticker.advance(Duration.ofSeconds(5));   // the open wait is over: the next call is a trial
 * }</pre>
 *
 * <p>Since the breaker measures call durations with the same ticker, a call takes exactly as long as the ticker was
 * advanced while it ran (zero unless the test advances it from inside the call), which makes slow-call rules
 * deterministic too.
 *
 * <p>Thread-safe: it may be read and advanced from any thread. It never goes backwards; like
 * {@link System#nanoTime()} it wraps around after {@code Long.MAX_VALUE}, which breakers handle.
 */
public final class ManualTicker implements Ticker {

    private final AtomicLong nanos;

    /** A ticker reading 0 until it is advanced. */
    public ManualTicker() {
        this(0);
    }

    /**
     * A ticker reading {@code startNanos} until it is advanced: any value, for tests of readings far from zero or
     * near the wrap-around.
     *
     * @param startNanos the first reading, in nanoseconds
     */
    public ManualTicker(long startNanos) {
        this.nanos = new AtomicLong(startNanos);
    }

    /** The current reading in nanoseconds: the start value plus everything advanced so far. */
    @Override
    public long read() {
        return nanos.get();
    }

    /**
     * Moves the ticker forward by {@code duration}.
     *
     * @param duration how far to move it; zero is allowed
     * @return this ticker, for chaining
     * @throws NullPointerException if {@code duration} is null
     * @throws IllegalArgumentException if {@code duration} is negative (a ticker never goes backwards) or longer
     *     than {@code Long.MAX_VALUE} nanoseconds
     */
    public ManualTicker advance(Duration duration) {
        Objects.requireNonNull(duration, "duration must not be null");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration must not be negative (a ticker never goes backwards) but was "
                    + duration);
        }
        long delta;
        try {
            delta = duration.toNanos();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("duration must be at most Long.MAX_VALUE nanoseconds (about 292 years) "
                    + "but was " + duration, e);
        }
        nanos.addAndGet(delta);
        return this;
    }

    /**
     * Moves the ticker forward by {@code amount} {@code unit}s.
     *
     * @param amount how far to move it, in {@code unit}s; zero is allowed
     * @param unit the unit of {@code amount}
     * @return this ticker, for chaining
     * @throws NullPointerException if {@code unit} is null
     * @throws IllegalArgumentException if {@code amount} is negative or longer than {@code Long.MAX_VALUE}
     *     nanoseconds
     */
    public ManualTicker advance(long amount, TimeUnit unit) {
        Objects.requireNonNull(unit, "unit must not be null");
        if (amount < 0) {
            throw new IllegalArgumentException("amount must not be negative (a ticker never goes backwards) but was "
                    + amount + " " + unit);
        }
        try {
            return advance(Duration.of(amount, unit.toChronoUnit()));
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("amount must be at most Long.MAX_VALUE nanoseconds (about 292 years) "
                    + "but was " + amount + " " + unit, e);
        }
    }

    @Override
    public String toString() {
        return "ManualTicker[" + read() + " ns]";
    }
}
