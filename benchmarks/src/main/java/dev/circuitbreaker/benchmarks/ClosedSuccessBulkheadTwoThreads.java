package dev.circuitbreaker.benchmarks;

import org.openjdk.jmh.annotations.Threads;

/**
 * {@link ClosedSuccessBulkhead} on two threads sharing one breaker (and one bulkhead) of each kind: both threads
 * take and give back places on the same counter. Scores are per call, per thread.
 */
@Threads(2)
public class ClosedSuccessBulkheadTwoThreads extends ClosedSuccessBulkhead {
}
