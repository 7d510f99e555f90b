package dev.circuitbreaker.redis.support;

import dev.circuitbreaker.CallNotPermittedException;
import dev.circuitbreaker.CircuitBreaker;
import dev.circuitbreaker.CircuitBreakerConfig;
import dev.circuitbreaker.CircuitBreakerListener;
import dev.circuitbreaker.CircuitBreakerRegistry;
import dev.circuitbreaker.CircuitState;
import dev.circuitbreaker.GroupTransition;
import dev.circuitbreaker.group.SharedGroupConfig;
import dev.circuitbreaker.redis.RedisGroupStore;
import io.lettuce.core.RedisURI;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One instance of a service in a JVM of its own, for tests that need separate processes (crash, pause, latency
 * across JVMs). Arguments: Redis port, instance id, open wait ms, trial lease ms. Reads one command per line from
 * stdin and answers one line: {@code call} (ok|rejected|failed), {@code fail} (one failing call), {@code trip}, {@code calls N} (N successful
 * calls; answers the nanoseconds they took and the state),
 * {@code reset}, {@code state}, {@code connected}, {@code mode ok|fail} (what calls do), {@code exit}. Every group
 * transition is printed as {@code EVENT <nanoTime> <from> <to> <instance> <remote>}; System.nanoTime is
 * CLOCK_MONOTONIC, comparable across processes on one host.
 */
public final class GroupMemberMain {

    private GroupMemberMain() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        RedisGroupStore store = RedisGroupStore.builder(RedisURI.create("redis://127.0.0.1:" + args[0])).instanceId(args[1])
                .refreshInterval(Duration.ofMillis(200)).build();
        CircuitBreakerRegistry registry = CircuitBreakerRegistry.builder().groupStore(store)
                .sharedGroup("g", SharedGroupConfig.builder().trialLease(Duration.ofMillis(Long.parseLong(args[3]))).build()).build();
        CircuitBreaker breaker = registry.circuitBreaker("payments", CircuitBreakerConfig.builder().group("g")
                .failureThreshold(3).waitDurationInOpenState(Duration.ofMillis(Long.parseLong(args[2])))
                .successThreshold(1).permittedCallsInHalfOpenState(1).build());
        breaker.addListener(new CircuitBreakerListener() {
            @Override
            public void onGroupTransition(CircuitBreaker b, CircuitState from, CircuitState to, GroupTransition origin) {
                out.println("EVENT " + System.nanoTime() + " " + from + " " + to + " " + origin.instance() + " " + origin.remote());
            }
        });
        boolean failing = false;
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null;) {
            String[] cmd = line.trim().split(" ");
            switch (cmd[0]) {
                case "call" -> out.println(call(breaker, failing));
                case "fail" -> out.println(call(breaker, true));
                case "trip" -> {
                    for (int i = 0; i < 3; i++) {
                        call(breaker, true);
                    }
                    out.println(breaker.state());
                }
                case "reset" -> {
                    breaker.reset();
                    out.println("done");
                }
                case "state" -> out.println(breaker.state());
                case "calls" -> {
                    long n = Long.parseLong(cmd[1]);
                    long start = System.nanoTime();
                    for (long i = 0; i < n; i++) {
                        breaker.run(() -> { });
                    }
                    out.println((System.nanoTime() - start) + " " + breaker.state());
                }
                case "connected" -> out.println(store.isConnected());
                case "mode" -> {
                    failing = "fail".equals(cmd[1]);
                    out.println("done");
                }
                case "exit" -> {
                    store.close();
                    out.println("bye");
                    return;
                }
                default -> out.println("unknown " + line);
            }
        }
        store.close();
    }

    private static String call(CircuitBreaker breaker, boolean fail) {
        try {
            breaker.run(() -> {
                if (fail) {
                    throw new IllegalStateException("downstream failed");
                }
            });
            return "ok";
        } catch (CallNotPermittedException rejected) {
            return "rejected";
        } catch (IllegalStateException failed) {
            return "failed";
        }
    }
}
