package dev.circuitbreaker.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.circuitbreaker.redis.support.Eventually;
import dev.circuitbreaker.redis.support.MemberProcess;
import dev.circuitbreaker.redis.support.RedisServer;
import dev.circuitbreaker.redis.support.RedisServerExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Measurements for BENCHMARKS.md, not a test of the default build: trip-to-remote-OPEN latency across three JVMs
 * (separate processes on one host; System.nanoTime is CLOCK_MONOTONIC, comparable across them) and the Redis
 * commands a CLOSED call costs, from INFO commandstats. Run with
 * {@code ./mvnw -B -pl circuit-breaker-redis -am verify -Dtest=TripLatencyBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dredis.benchmark.trips=200};
 * results in {@code circuit-breaker-redis/target/trip-latency.txt}.
 */
@ExtendWith(RedisServerExtension.class)
@EnabledIfSystemProperty(named = "redis.benchmark.trips", matches = "\\d+")
class TripLatencyBenchmark {

    @Test
    void tripToRemoteOpenAcrossThreeJvms(RedisServer redis) throws Exception {
        int trips = Integer.getInteger("redis.benchmark.trips");
        Duration wait = Duration.ofMinutes(5);
        List<Long> micros = new ArrayList<>();
        StringBuilder report = new StringBuilder();
        try (MemberProcess a = new MemberProcess("a", redis.port(), wait, Duration.ofSeconds(10));
                MemberProcess b = new MemberProcess("b", redis.port(), wait, Duration.ofSeconds(10));
                MemberProcess c = new MemberProcess("c", redis.port(), wait, Duration.ofSeconds(10))) {
            List<MemberProcess> members = List.of(a, b, c);
            members.forEach(MemberProcess::awaitConnected);
            for (int warm = 0; warm < 20; warm++) {
                trip(members, warm % 3, new ArrayList<>());
            }
            for (int i = 0; i < trips; i++) {
                trip(members, i % 3, micros);
            }

            // Commands per CLOSED call: a million calls in one JVM, against INFO commandstats.
            redis.cli("CONFIG", "RESETSTAT");
            String[] answer = a.send("calls 1000000").split(" ");
            double seconds = Long.parseLong(answer[0]) / 1e9;
            long scripts = redis.calls("evalsha") + redis.calls("eval");
            String stats = redis.commandStats();
            long all = totalCalls(stats);
            // Every store sends one refresh read per group (evalsha) and, while Redis answers, nothing else: the
            // rest of commandstats is the redis-cli of this harness (CONFIG RESETSTAT, INFO) and PINGs.
            long expected = (long) Math.ceil(seconds / 0.2) * 3 + 3;
            report.append(String.format("CLOSED calls: 1,000,000 in %.2f s in JVM a (state %s); Redis ran %d scripts"
                    + " (refresh reads of 3 JVMs every 200 ms: at most %d) and %d commands in all%n%s%n"
                    + "Redis commands per CLOSED call: %.6f%n", seconds, answer[1], scripts, expected, all,
                    stats.lines().filter(l -> l.startsWith("cmdstat_")).map(l -> "  " + l).reduce("", (x, y) -> x + y + "\n"),
                    Math.max(0, scripts - expected) / 1e6));
        }
        Collections.sort(micros);
        report.insert(0, String.format("trip-to-remote-OPEN over %d trips x 2 receiving JVMs (%d samples): p50 %.2f ms,"
                + " p90 %.2f ms, p99 %.2f ms, max %.2f ms%n", trips, micros.size(), at(micros, 0.50), at(micros, 0.90),
                at(micros, 0.99), micros.get(micros.size() - 1) / 1000.0));
        System.out.print(report);
        Files.writeString(Path.of("target", "trip-latency.txt"), report);
        assertThat(micros).hasSize(trips * 2);
    }

    /** {@code members[who]} trips; the others' OPEN events give the latency; then a reset closes the group. */
    private static void trip(List<MemberProcess> members, int who, List<Long> micros) {
        MemberProcess tripper = members.get(who);
        int[] before = members.stream().mapToInt(m -> m.events.size()).toArray();
        assertThat(tripper.send("trip")).isEqualTo("OPEN");
        Eventually.await(Duration.ofSeconds(5), "all open", () -> {
            for (int i = 0; i < members.size(); i++) {
                if (members.get(i).events.size() <= before[i]) {
                    return false;
                }
            }
            return true;
        });
        long tripped = members.get(who).events.get(before[who]).nanoTime();
        for (int i = 0; i < members.size(); i++) {
            if (i != who) {
                MemberProcess.Event open = members.get(i).events.get(before[i]);
                assertThat(open.to()).isEqualTo("OPEN");
                micros.add((open.nanoTime() - tripped) / 1000);
            }
        }
        int[] opened = members.stream().mapToInt(m -> m.events.size()).toArray();
        tripper.send("reset");
        Eventually.await(Duration.ofSeconds(5), "all closed", () -> {
            for (int i = 0; i < members.size(); i++) {
                if (members.get(i).events.size() <= opened[i]) {
                    return false;
                }
            }
            return true;
        });
    }

    private static double at(List<Long> sorted, double q) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1)) / 1000.0;
    }

    private static long totalCalls(String stats) {
        long total = 0;
        for (String line : stats.split("\\R")) {
            int at = line.indexOf(":calls=");
            if (line.startsWith("cmdstat_") && at > 0 && !line.startsWith("cmdstat_info") && !line.startsWith("cmdstat_config")) {
                String rest = line.substring(at + 7);
                total += Long.parseLong(rest.substring(0, rest.indexOf(',')));
            }
        }
        return total;
    }

}
