package dev.circuitbreaker.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.circuitbreaker.CallNotPermittedException;
import dev.circuitbreaker.CircuitState;
import dev.circuitbreaker.group.SharedGroupConfig;
import dev.circuitbreaker.redis.support.Eventually;
import dev.circuitbreaker.redis.support.Instance;
import dev.circuitbreaker.redis.support.RedisServer;
import dev.circuitbreaker.redis.support.RedisServerExtension;
import io.lettuce.core.event.command.CommandListener;
import io.lettuce.core.event.command.CommandStartedEvent;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The CLOSED hot path sends nothing to Redis, and no Redis command is ever sent from a caller's thread. */
@ExtendWith(RedisServerExtension.class)
class HotPathTest {

    @Test
    void aMillionClosedCallsAndAMillionRejectionsSendNoRedisCommandFromACallersThread(RedisServer redis) throws Exception {
        Set<String> sendingThreads = ConcurrentHashMap.newKeySet();
        CommandListener threads = new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                sendingThreads.add(Thread.currentThread().getName());
            }
        };
        try (Instance a = new Instance("a", redis.uri(), Instance.config(Duration.ofMinutes(5)), SharedGroupConfig.ofDefaults(),
                s -> s.refreshInterval(Duration.ofSeconds(1)).commandListener(threads)).awaitConnected()) {
            Eventually.pause(Duration.ofMillis(100));
            redis.cli("CONFIG", "RESETSTAT");
            long start = System.nanoTime();
            Thread caller = new Thread(() -> {
                for (int i = 0; i < 1_000_000; i++) {
                    a.breaker.run(() -> { });
                }
            }, "caller");
            caller.start();
            caller.join();
            assertThat(a.state()).isEqualTo(CircuitState.CLOSED);
            double seconds = (System.nanoTime() - start) / 1e9;
            String closedStats = redis.commandStats();
            long scripts = redis.calls("evalsha") + redis.calls("eval");
            // only the refresh reads: one per refresh interval (1 s), plus one for a partial second
            assertThat(scripts).as(closedStats).isLessThanOrEqualTo((long) Math.ceil(seconds) + 2);

            a.breaker.forceOpen();
            Thread rejected = new Thread(() -> {
                for (int i = 0; i < 1_000_000; i++) {
                    try {
                        a.breaker.run(() -> { });
                    } catch (CallNotPermittedException expected) {
                        // OPEN
                    }
                }
            }, "rejected-caller");
            rejected.start();
            rejected.join();
            assertThat(sendingThreads).isNotEmpty().allMatch(name -> name.startsWith("circuitbreaker-redis-")
                    || name.startsWith("lettuce-"), "the store's thread or Lettuce's event loop");
            assertThat(sendingThreads).doesNotContain("caller", "rejected-caller", "main");
        }
    }
}
