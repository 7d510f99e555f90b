package dev.circuitbreaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.time.Duration;

/** Drives a breaker through calls with known outcomes. */
final class Calls {

    private Calls() {
    }

    static void succeed(CircuitBreaker cb) {
        cb.run(() -> { });
    }

    static void succeed(CircuitBreaker cb, int times) {
        for (int i = 0; i < times; i++) {
            succeed(cb);
        }
    }

    static void fail(CircuitBreaker cb) {
        fail(cb, new IOException("boom"));
    }

    static void fail(CircuitBreaker cb, int times) {
        for (int i = 0; i < times; i++) {
            fail(cb);
        }
    }

    /** A call that throws {@code error}; asserts the caller gets that very instance back. */
    static void fail(CircuitBreaker cb, Throwable error) {
        Throwable thrown = catchThrowable(() -> cb.execute(() -> {
            throw error;
        }));
        assertThat(thrown).isSameAs(error);
    }

    /** A successful call during which the ticker advances by {@code duration}. */
    static void succeedTaking(CircuitBreaker cb, FakeTicker ticker, Duration duration) {
        cb.run(() -> ticker.advance(duration));
    }

    /** A failing call during which the ticker advances by {@code duration}. */
    static void failTaking(CircuitBreaker cb, FakeTicker ticker, Duration duration) {
        IOException error = new IOException("slow boom");
        Throwable thrown = catchThrowable(() -> cb.execute(() -> {
            ticker.advance(duration);
            throw error;
        }));
        assertThat(thrown).isSameAs(error);
    }

    /** Whether a call is rejected; asserts a rejected callee never runs. */
    static boolean rejected(CircuitBreaker cb) {
        boolean[] ran = {false};
        Throwable thrown = catchThrowable(() -> cb.run(() -> ran[0] = true));
        if (thrown instanceof CircuitBreakerOpenException) {
            assertThat(ran[0]).as("a rejected callee must not run").isFalse();
            return true;
        }
        assertThat(thrown).isNull();
        return false;
    }
}
