package dev.circuitbreaker.internal;

import java.util.concurrent.atomic.LongAdder;

/**
 * A breaker's cumulative counters. Striped adders, so threads calling one breaker do not fight over a counter;
 * each is exact once the calls that bumped it have returned. The total is their sum, so
 * {@code total == successful + failed + ignored + notPermitted} holds by construction.
 */
public final class CallCounters {

    private final LongAdder successful = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder ignored = new LongAdder();
    private final LongAdder notPermitted = new LongAdder();
    private final LongAdder slow = new LongAdder();

    public void onOutcome(int code) {
        switch (Outcomes.kind(code)) {
            case Outcomes.SUCCESS -> successful.increment();
            case Outcomes.FAILURE -> failed.increment();
            default -> ignored.increment();
        }
        if (Outcomes.isSlow(code)) {
            slow.increment();
        }
    }

    public void onNotPermitted() {
        notPermitted.increment();
    }

    public long successful() {
        return successful.sum();
    }

    public long failed() {
        return failed.sum();
    }

    public long ignored() {
        return ignored.sum();
    }

    public long notPermitted() {
        return notPermitted.sum();
    }

    public long slow() {
        return slow.sum();
    }

    /** Zeroes every counter; calls in flight meanwhile may land on either side of the reset. */
    public void reset() {
        successful.reset();
        failed.reset();
        ignored.reset();
        notPermitted.reset();
        slow.reset();
    }
}
