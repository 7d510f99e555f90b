package dev.circuitbreaker.spring.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.circuitbreaker.spring.events.CircuitBreakerEvent.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Many threads append to one buffer at once (started together by a barrier) while a reader follows it: the buffer
 * ends with exactly the last {@code capacity} events, and the follower sees every event at most once, in sequence
 * order, and accounts for every event it did not see as overwritten, never as silently missing.
 */
class BreakerEventBufferStressTests {

    static final int THREADS = 8;
    static final int PER_THREAD = 20_000;
    static final int CAPACITY = 100;

    @Test
    void concurrentAppendsKeepExactlyTheLastEventsAndAFollowerMissesNoneUnaccounted() throws Exception {
        BreakerEventBuffer buffer = new BreakerEventBuffer("stress", CAPACITY);
        CyclicBarrier start = new CyclicBarrier(THREADS + 1);
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            String writer = "w" + t;
            Thread thread = new Thread(() -> {
                await(start);
                for (int i = 0; i < PER_THREAD; i++) {
                    buffer.append(CircuitBreakerEvent.call(Type.ERROR, "stress", 0L, i, writer));
                }
            });
            thread.start();
            writers.add(thread);
        }
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicReference<String> violation = new AtomicReference<>();
        long[] seen = new long[1];
        long[] lastSequence = {-1};
        long[] lastPerWriter = new long[THREADS];
        Arrays.fill(lastPerWriter, -1);
        Consumer<CircuitBreakerEvent> follower = event -> {
            seen[0]++;
            if (event.sequence() <= lastSequence[0]) {
                violation.compareAndSet(null, "sequence " + event.sequence() + " after " + lastSequence[0]);
            }
            lastSequence[0] = event.sequence();
            int writer = Integer.parseInt(event.errorMessage().substring(1));
            long index = event.duration().toNanos();
            if (index <= lastPerWriter[writer]) {
                violation.compareAndSet(null, "writer " + writer + " event " + index + " after " + lastPerWriter[writer]);
            }
            lastPerWriter[writer] = index;
        };
        long[] finalPosition = new long[1];
        Thread reader = new Thread(() -> {
            long position = 0;
            await(start);
            while (writing.get()) {
                position = buffer.readFrom(position, follower);
            }
            finalPosition[0] = buffer.readFrom(position, follower);
        });
        reader.start();
        for (Thread writer : writers) {
            writer.join();
        }
        writing.set(false);
        reader.join();

        long total = (long) THREADS * PER_THREAD;
        assertThat(violation.get()).isNull();
        assertThat(buffer.nextSequence()).isEqualTo(total);
        List<CircuitBreakerEvent> kept = buffer.events();
        assertThat(kept).hasSize(CAPACITY);
        assertThat(kept).extracting(CircuitBreakerEvent::sequence)
                .containsExactlyElementsOf(LongStream.range(total - CAPACITY, total).boxed().toList());
        assertThat(finalPosition[0]).as("the follower accounts for every event, seen or overwritten").isEqualTo(total);
        assertThat(lastSequence[0]).as("the follower read up to the last event").isEqualTo(total - 1);
        assertThat(seen[0]).isBetween((long) CAPACITY, total);
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
