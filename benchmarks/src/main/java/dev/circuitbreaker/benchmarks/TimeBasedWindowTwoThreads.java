package dev.circuitbreaker.benchmarks;

import org.openjdk.jmh.annotations.Threads;

/**
 * {@link TimeBasedWindow} on two threads sharing one breaker of each kind: scores are per call, per thread. The
 * lock-free success path of the time window contends on one compare-and-set per call instead of a lock.
 */
@Threads(2)
public class TimeBasedWindowTwoThreads extends TimeBasedWindow {
}
