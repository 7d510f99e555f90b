package dev.circuitbreaker.spring.aop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.circuitbreaker.CircuitBreaker;
import dev.circuitbreaker.CircuitBreakerRegistry;
import dev.circuitbreaker.RegistryListener;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The one interleaving that could leave an annotated method on a removed breaker, forced with latches: a caller has
 * fetched the registry's breaker but not stored it yet when another thread removes that breaker from the registry.
 */
class BreakerSlotRaceTests {

    @Test
    void aRemovalBetweenALookupAndItsStoreIsNotLost() throws Exception {
        CircuitBreakerRegistry registry = CircuitBreakerRegistry.ofDefaults();
        CountDownLatch fetched = new CountDownLatch(1);
        CountDownLatch store = new CountDownLatch(1);
        AtomicReference<Boolean> pause = new AtomicReference<>(true);
        BreakerSlot slot = new BreakerSlot("payments", name -> {
            CircuitBreaker b = registry.circuitBreaker(name);
            if (pause.getAndSet(false)) {
                fetched.countDown();
                await(store);
            }
            return b;
        });
        registry.addListener(new RegistryListener() {
            @Override
            public void onRemoved(CircuitBreaker breaker) {
                slot.forget(breaker);
            }
        });

        AtomicReference<CircuitBreaker> first = new AtomicReference<>();
        Thread caller = new Thread(() -> first.set(slot.breaker()));
        caller.start();
        assertThat(fetched.await(10, TimeUnit.SECONDS)).isTrue();
        Thread remover = new Thread(() -> registry.remove("payments"));
        remover.start();
        // A slot that let the removal pass here would then store the removed breaker; this one holds it back.
        remover.join(300);
        store.countDown();
        caller.join(10_000);
        remover.join(10_000);

        assertThat(first.get()).isNotNull();
        CircuitBreaker now = slot.breaker();
        assertThat(now).isNotSameAs(first.get());
        assertThat(registry.find("payments")).containsSame(now);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
