package dev.circuitbreaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What the caller sees: results, the callee's own exceptions, interrupts, and listeners that misbehave. */
class CallContractTest {

    final FakeTicker ticker = new FakeTicker();
    final CircuitBreaker cb = CircuitBreaker.builder("contract").ticker(ticker).build();

    @Test
    void aCheckedExceptionReachesTheCallerAsTheSameInstance() {
        IOException error = new IOException("bank down");
        assertThat(catchThrowable(() -> cb.call(() -> {
            throw error;
        }))).isSameAs(error);
    }

    @Test
    void uncheckedExceptionsAndErrorsReachTheCallerUnchangedFromEveryEntryPoint() {
        IllegalStateException unchecked = new IllegalStateException("x");
        AssertionError error = new AssertionError("y");
        assertThat(catchThrowable(() -> cb.get(() -> {
            throw unchecked;
        }))).isSameAs(unchecked);
        assertThat(catchThrowable(() -> cb.run(() -> {
            throw error;
        }))).isSameAs(error);
        assertThat(cb.stats().failedCalls()).isEqualTo(2);
    }

    @Test
    void anInterruptedExceptionKeepsTheThreadsInterruptFlag() {
        InterruptedException interrupted = new InterruptedException("stop");
        try {
            assertThat(catchThrowable(() -> cb.call(() -> {
                throw interrupted;
            }))).isSameAs(interrupted);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void resultsAreReturnedAsIs() throws Throwable {
        Object value = new Object();
        assertThat(cb.call(() -> value)).isSameAs(value);
        assertThat((Object) cb.get(() -> null)).isNull();
        assertThat(cb.execute(() -> value)).isSameAs(value);
    }

    @Test
    void aListenerThatThrowsChangesNothing() {
        AtomicInteger heard = new AtomicInteger();
        cb.addListener(new CircuitBreakerListener() {
            @Override
            public void onSuccess(CircuitBreaker breaker, long durationNanos) {
                throw new IllegalStateException("bad listener");
            }

            @Override
            public void onError(CircuitBreaker breaker, Throwable error, long durationNanos) {
                throw new IllegalStateException("bad listener");
            }

            @Override
            public void onStateTransition(CircuitBreaker breaker, CircuitState from, CircuitState to) {
                throw new IllegalStateException("bad listener");
            }
        });
        cb.addListener(new CircuitBreakerListener() {
            @Override
            public void onStateTransition(CircuitBreaker breaker, CircuitState from, CircuitState to) {
                heard.incrementAndGet();
            }
        });
        assertThat(cb.get(() -> "ok")).isEqualTo("ok");
        for (int i = 0; i < 3; i++) {
            Calls.fail(cb);
        }
        assertThat(cb.state()).isEqualTo(CircuitState.OPEN);
        assertThat(heard).as("the next listener still hears the transition").hasValue(1);
        assertThat(cb.stats().failedCalls()).isEqualTo(3);
    }

    @Test
    void listenersHearEveryKindOfEventWithTickerDurationsAndCanBeRemoved() {
        List<String> events = new ArrayList<>();
        CircuitBreaker breaker = CircuitBreaker.builder("events").ticker(ticker).config(CircuitBreakerConfig.builder()
                .failureThreshold(1).ignoreExceptions(UnsupportedOperationException.class).historySize(0).build()).build();
        ListenerRegistration registration = breaker.addListener(new CircuitBreakerListener() {
            @Override
            public void onSuccess(CircuitBreaker b, long nanos) {
                events.add("success " + nanos);
            }

            @Override
            public void onError(CircuitBreaker b, Throwable error, long nanos) {
                events.add("error " + error.getMessage() + " " + nanos);
            }

            @Override
            public void onIgnoredError(CircuitBreaker b, Throwable error, long nanos) {
                events.add("ignored " + nanos);
            }

            @Override
            public void onCallNotPermitted(CircuitBreaker b) {
                events.add("rejected");
            }

            @Override
            public void onStateTransition(CircuitBreaker b, CircuitState from, CircuitState to) {
                events.add(b.name() + " " + from + "->" + to);
            }
        });
        breaker.run(() -> ticker.advanceMillis(7));
        catchThrowable(() -> breaker.run(() -> {
            throw new UnsupportedOperationException();
        }));
        catchThrowable(() -> breaker.run(() -> {
            ticker.advanceMillis(1);
            throw new IllegalStateException("bad");
        }));
        Calls.rejected(breaker);
        registration.remove();
        Calls.rejected(breaker);
        assertThat(events).containsExactly("success 7000000", "ignored 0", "error bad 1000000", "events CLOSED->OPEN", "rejected");
    }

    @Test
    void aGroupedConfigCannotBuildAStandaloneBreaker() {
        CircuitBreakerConfig grouped = CircuitBreakerConfig.builder().group("cluster").build();
        assertThatThrownBy(() -> CircuitBreaker.of("alone", grouped))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("group \"cluster\"");
    }

    @Test
    void aBreakerNeedsANameAndNonNullParts() {
        assertThatThrownBy(() -> CircuitBreaker.of(null, CircuitBreakerConfig.ofDefaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("name must not be null or blank but was null");
        assertThatThrownBy(() -> CircuitBreaker.builder(" "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("but was \" \"");
        assertThatThrownBy(() -> CircuitBreaker.builder("x").ticker(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ticker");
    }
}
