package dev.circuitbreaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class ErrorMessageSanitizerTest {

    @Test
    void describesAnExceptionExactlyAsTheHistoryDoes() {
        CircuitBreaker cb = CircuitBreaker.of("errors", CircuitBreakerConfig.builder().failureThreshold(5).build());
        for (Throwable error : new Throwable[] {
                new IllegalStateException("login failed for user=bob password=hunter2, token: abc.def Authorization: Bearer eyJhbGci"),
                new IOException("y".repeat(10_000)), new IOException(), new IOException("api_key=\"k-123\"")}) {
            catchThrowable(() -> cb.call(() -> {
                throw error instanceof IOException io ? io : (RuntimeException) error;
            }));
            String history = cb.history().get(cb.history().size() - 1).errorMessage();
            assertThat(ErrorMessageSanitizer.describe(error)).isEqualTo(history)
                    .isEqualTo(ErrorMessageSanitizer.format(error.getClass().getName(), error.getMessage()));
        }
    }

    @Test
    void masksSecretsAndTruncatesToTheMaximumLength() {
        assertThat(ErrorMessageSanitizer.describe(new IllegalStateException("password=hunter2 token: abc")))
                .isEqualTo("java.lang.IllegalStateException: password=****** token: ******");
        assertThat(ErrorMessageSanitizer.describe(new IllegalStateException("x".repeat(500))))
                .hasSize(ErrorMessageSanitizer.MAX_LENGTH).endsWith("…");
        assertThat(ErrorMessageSanitizer.format("java.io.IOException", null)).isEqualTo("java.io.IOException");
    }

    @Test
    void aGetMessageThatThrowsCountsAsNoMessage() {
        Exception broken = new Exception() {
            @Override
            public String getMessage() {
                throw new AssertionError("getMessage is broken");
            }
        };
        assertThat(ErrorMessageSanitizer.describe(broken)).isEqualTo(broken.getClass().getName());
    }

    @Test
    void nullArgumentsAreRejectedByName() {
        assertThatThrownBy(() -> ErrorMessageSanitizer.describe(null)).hasMessageContaining("error");
        assertThatThrownBy(() -> ErrorMessageSanitizer.format(null, "m")).hasMessageContaining("className");
    }
}
