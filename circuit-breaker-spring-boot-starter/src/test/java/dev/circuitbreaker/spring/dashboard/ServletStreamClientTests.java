package dev.circuitbreaker.spring.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Closing a Spring MVC stream client must not wait for its emitter: completing an emitter takes the lock that a
 * send blocked on a slow client holds, and the stream closes clients from its own thread (on overflow).
 */
class ServletStreamClientTests {

    private final ExecutorService senders = Executors.newCachedThreadPool(runnable -> new Thread(runnable, "sender"));

    @AfterEach
    void stopTheSenders() {
        senders.shutdownNow();
    }

    @Test
    void closingAClientWhoseWriteIsStuckReturnsAtOnceAndASenderEndsTheResponseLater() throws Exception {
        HeldEmitter emitter = new HeldEmitter();
        ServletStreamClient client = new ServletStreamClient(senders, emitter);
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch unblock = new CountDownLatch(1);
        Thread stuckWrite = new Thread(() -> {
            emitter.writeLock().lock();
            try {
                writing.countDown();
                unblock.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                emitter.writeLock().unlock();
            }
        });
        stuckWrite.start();
        writing.await();

        assertTimeoutPreemptively(Duration.ofSeconds(5), client::close, "close() waited for the stuck write");
        assertThat(client.isClosed()).isTrue();
        assertThat(emitter.completedBy.get()).as("not completed while the write is stuck").isNull();

        unblock.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> emitter.completedBy.get() != null);
        assertThat(emitter.completedBy.get()).isEqualTo("sender");
        stuckWrite.join();
    }

    /** An emitter that lets the test hold its write lock, as a send blocked on a slow client does. */
    static final class HeldEmitter extends SseEmitter {

        final AtomicReference<String> completedBy = new AtomicReference<>();

        java.util.concurrent.locks.Lock writeLock() {
            return writeLock;
        }

        @Override
        public void complete() {
            super.complete();
            completedBy.set(Thread.currentThread().getName());
        }
    }
}
