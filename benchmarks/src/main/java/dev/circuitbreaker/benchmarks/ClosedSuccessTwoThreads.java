package dev.circuitbreaker.benchmarks;

import org.openjdk.jmh.annotations.Threads;

/** {@link ClosedSuccess} on two threads sharing one breaker of each kind: scores are per call, per thread. */
@Threads(2)
public class ClosedSuccessTwoThreads extends ClosedSuccess {
}
