package dev.circuitbreaker.concurrency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.circuitbreaker.CircuitBreaker;
import dev.circuitbreaker.CircuitBreakerConfig;
import dev.circuitbreaker.CircuitBreakerRegistry;
import dev.circuitbreaker.CircuitState;
import dev.circuitbreaker.RegistryListener;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Registry lookups and group membership under threads released at once. */
class RegistryConcurrencyTest {

    static final int THREADS = 16;
    static final int ROUNDS = 200;

    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);

    @AfterEach
    void stopPool() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void threadsAskingForTheSameNameAtOnceAllGetOneBreakerAndListenersHearOfItOnce() throws Exception {
        CyclicBarrier start = new CyclicBarrier(THREADS);
        for (int round = 0; round < ROUNDS; round++) {
            CircuitBreakerRegistry registry = CircuitBreakerRegistry.ofDefaults();
            AtomicInteger added = new AtomicInteger();
            registry.addListener(new RegistryListener() {
                @Override
                public void onAdded(CircuitBreaker breaker) {
                    added.incrementAndGet();
                }
            });
            List<Callable<CircuitBreaker>> tasks = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                tasks.add(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return registry.circuitBreaker("payments");
                });
            }
            Set<CircuitBreaker> distinct = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
            for (Future<CircuitBreaker> f : pool.invokeAll(tasks)) {
                distinct.add(f.get());
            }
            assertThat(distinct).hasSize(1);
            assertThat(added).hasValue(1);
            assertThat(registry.all()).hasSize(1);
        }
    }

    @Test
    void membersOfOneGroupCreatedAtOnceShareOneStateAndEachKeepsItsOwnCounters() throws Exception {
        CyclicBarrier start = new CyclicBarrier(THREADS);
        CircuitBreakerConfig config = CircuitBreakerConfig.builder().group("cluster").build();
        for (int round = 0; round < ROUNDS; round++) {
            CircuitBreakerRegistry registry = CircuitBreakerRegistry.ofDefaults();
            List<Callable<CircuitBreaker>> tasks = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                String name = "member-" + t;
                tasks.add(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    CircuitBreaker member = registry.circuitBreaker(name, config);
                    member.run(() -> { });
                    return member;
                });
            }
            List<CircuitBreaker> members = new ArrayList<>();
            for (Future<CircuitBreaker> f : pool.invokeAll(tasks)) {
                members.add(f.get());
            }
            members.get(0).forceOpen();
            for (CircuitBreaker member : members) {
                assertThat(member.state()).as("%s after one member was forced open", member.name())
                        .isEqualTo(CircuitState.FORCED_OPEN);
                assertThat(member.stats().successfulCalls()).isEqualTo(1);
            }
        }
    }
}
