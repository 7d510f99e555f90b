package dev.circuitbreaker.test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.circuitbreaker.CircuitBreaker;
import java.io.IOException;

/** Trips breakers for the tests. */
final class Breakers {

    private Breakers() {
    }

    /** Three recorded failures: enough to open a breaker of the default config. */
    static void trip(CircuitBreaker breaker) {
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> breaker.call(() -> {
                throw new IOException("down");
            })).isInstanceOf(IOException.class);
        }
    }
}
