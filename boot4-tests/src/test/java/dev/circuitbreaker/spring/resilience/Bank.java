package dev.circuitbreaker.spring.resilience;

import dev.circuitbreaker.CallNotPermittedException;
import dev.circuitbreaker.spring.CircuitBreaker;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.resilience.annotation.ConcurrencyLimit;
import org.springframework.resilience.annotation.Retryable;

/**
 * A downstream whose methods carry {@code @Retryable} (no delay: the tests never sleep) and {@code @CircuitBreaker}
 * with a fallback, each on a breaker of its own. The first {@link #failFirst} attempts fail with
 * {@code IOException("attempt n")}, or the exception given to {@link #failWith}; the others succeed. Tests read and
 * set its state through methods (the bean is a CGLIB proxy, whose own fields are not the target's).
 */
public class Bank {

    private final AtomicInteger attempts = new AtomicInteger();
    private final List<Throwable> fallbacks = new CopyOnWriteArrayList<>();
    private volatile int failures = Integer.MAX_VALUE;
    private volatile RuntimeException failWith;

    public int attempts() {
        return attempts.get();
    }

    public List<Throwable> fallbacks() {
        return fallbacks;
    }

    public void failFirst(int failures) {
        this.failures = failures;
    }

    public void failWith(RuntimeException failWith) {
        this.failWith = failWith;
    }

    @Retryable(maxRetries = 2, delay = 0)
    @CircuitBreaker(name = "retried", fallback = "fallback")
    public String charge(String id) throws IOException {
        return attempt(id);
    }

    @Retryable(maxRetries = 5, delay = 0, excludes = CallNotPermittedException.class)
    @CircuitBreaker(name = "stopsOnRejection", fallback = "fallback")
    public String chargeStoppingOnRejection(String id) throws IOException {
        return attempt(id);
    }

    @Retryable(maxRetries = 5, delay = 0)
    @CircuitBreaker(name = "retriesRejections", fallback = "fallback")
    public String chargeRetryingRejections(String id) throws IOException {
        return attempt(id);
    }

    @Retryable(maxRetries = 2, delay = 0)
    @CircuitBreaker(name = "noFallback")
    public String chargeWithoutFallback(String id) throws IOException {
        return attempt(id);
    }

    @Retryable(maxRetries = 2, delay = 0)
    @CircuitBreaker(name = "async", fallback = "asyncFallback")
    public CompletableFuture<String> chargeAsync(String id) {
        attempts.incrementAndGet();
        return CompletableFuture.failedFuture(new IOException("async attempt " + attempts.get()));
    }

    @ConcurrencyLimit(limit = 1, policy = ConcurrencyLimit.ThrottlePolicy.REJECT)
    @Retryable(maxRetries = 2, delay = 0)
    @CircuitBreaker(name = "limited", fallback = "blockingFallback")
    public String chargeBlocking(CountDownLatch entered, CountDownLatch release) throws InterruptedException {
        attempts.incrementAndGet();
        entered.countDown();
        if (!release.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("never released");
        }
        return "charged";
    }

    String fallback(String id, Throwable cause) {
        fallbacks.add(cause);
        return "deferred " + id + ": " + cause.getMessage();
    }

    CompletableFuture<String> asyncFallback(String id, Throwable cause) {
        fallbacks.add(cause);
        return CompletableFuture.completedFuture("deferred " + id);
    }

    String blockingFallback(CountDownLatch entered, CountDownLatch release, Throwable cause) {
        fallbacks.add(cause);
        return "deferred";
    }

    private String attempt(String id) throws IOException {
        int n = attempts.incrementAndGet();
        if (n <= failures) {
            if (failWith != null) {
                throw failWith;
            }
            throw new IOException("attempt " + n);
        }
        return "charged " + id + " at attempt " + n;
    }
}
