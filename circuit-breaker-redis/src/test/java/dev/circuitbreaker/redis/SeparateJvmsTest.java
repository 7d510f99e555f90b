package dev.circuitbreaker.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.circuitbreaker.redis.support.Eventually;
import dev.circuitbreaker.redis.support.MemberProcess;
import dev.circuitbreaker.redis.support.RedisServer;
import dev.circuitbreaker.redis.support.RedisServerExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Three instances of a service as three JVMs: a trip, a crashed trial holder and a paused one. */
@ExtendWith(RedisServerExtension.class)
class SeparateJvmsTest {

    private static final Duration WAIT = Duration.ofMillis(500);
    private static final Duration LEASE = Duration.ofMillis(1000);

    @Test
    void threeJvmsShareTripsAndSurviveACrashedAndAPausedTrialHolder(RedisServer redis) throws Exception {
        try (MemberProcess a = new MemberProcess("a", redis.port(), WAIT, LEASE);
                MemberProcess b = new MemberProcess("b", redis.port(), WAIT, LEASE);
                MemberProcess c = new MemberProcess("c", redis.port(), WAIT, LEASE)) {
            for (MemberProcess m : List.of(a, b, c)) {
                m.awaitConnected();
            }

            // A trip in one JVM opens the others.
            long tripped = System.nanoTime();
            assertThat(a.send("trip")).isEqualTo("OPEN");
            Eventually.await(Duration.ofSeconds(1), "b and c open", () -> opened(b) && opened(c));
            for (MemberProcess m : List.of(b, c)) {
                MemberProcess.Event open = m.events.get(0);
                assertThat(open.instance()).isEqualTo("a");
                assertThat(open.remote()).isTrue();
                assertThat(Duration.ofNanos(open.nanoTime() - tripped)).isLessThan(Duration.ofSeconds(1));
            }

            // After the wait, a takes the group's trial and is killed before its verdict.
            Eventually.pause(WAIT.plusMillis(50));
            a.send("call");
            Eventually.await(Duration.ofSeconds(1), "a holds the trial", () -> "HALF_OPEN".equals(a.send("state")));
            a.kill();
            long killed = System.nanoTime();
            // b keeps calling: rejected until a's lease is over, then b runs the trial, which passes
            while (!"CLOSED".equals(b.send("state")) && System.nanoTime() - killed < Duration.ofSeconds(4).toNanos()) {
                b.send("call");
                Eventually.pause(Duration.ofMillis(10));
            }
            Duration recovered = Duration.ofNanos(System.nanoTime() - killed);
            assertThat(b.send("state")).isEqualTo("CLOSED");
            assertThat(recovered).isLessThan(LEASE.plusMillis(200 + 200 + 1000)); // lease + refresh + 200 ms (+ margin)
            Eventually.await(Duration.ofMillis(500), "c closed by b's verdict", () -> "CLOSED".equals(c.send("state")));

            // b trips again and takes the trial; c sees it, and b is paused (SIGSTOP) past its lease.
            assertThat(b.send("trip")).isEqualTo("OPEN");
            Eventually.await(Duration.ofSeconds(1), "c open", () -> "OPEN".equals(c.send("state")));
            Eventually.pause(WAIT.plusMillis(50));
            b.send("call");
            Eventually.await(Duration.ofSeconds(1), "b holds the trial", () -> "HALF_OPEN".equals(b.send("state")));
            b.signal("-STOP");
            long paused = System.nanoTime();
            while (!"CLOSED".equals(c.send("state")) && System.nanoTime() - paused < Duration.ofSeconds(4).toNanos()) {
                c.send("call");
                Eventually.pause(Duration.ofMillis(10));
            }
            assertThat(c.send("state")).isEqualTo("CLOSED");
            int cEventsBefore = c.events.size();
            Eventually.pause(LEASE.plusSeconds(1).minus(Duration.ofNanos(System.nanoTime() - paused)));
            b.signal("-CONT");
            b.send("call"); // b's late trial call: its HALF_OPEN is gone, or its verdict is fenced
            Eventually.await(Duration.ofSeconds(1), "b shows the group's state", () -> "CLOSED".equals(b.send("state")));
            Eventually.pause(Duration.ofMillis(400)); // two refresh reads
            // 0 group transitions caused by b's late verdict
            assertThat(c.events.subList(cEventsBefore, c.events.size())).isEmpty();
            assertThat(c.send("state")).isEqualTo("CLOSED");
        }
    }

    private static boolean opened(MemberProcess m) {
        return !m.events.isEmpty() && m.events.get(0).to().equals("OPEN");
    }
}
