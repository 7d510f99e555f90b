/**
 * The breaker's machinery: one small class per state, the sliding windows, the trip rules, the transition table,
 * the call history and the counters. Not API: everything here may change in any release.
 *
 * <p>Concurrency in one paragraph: a {@link dev.circuitbreaker.internal.StateMachine} holds the current
 * {@link dev.circuitbreaker.internal.State} in one atomic reference, and every transition installs a fresh state
 * object with a compare-and-set. A state that decides to leave (a tripped window, a decisive trial) first publishes
 * its successor; any thread that meets a state with a published successor helps install it before asking again, so
 * the decision and the transition look like one step to every caller. Listeners hear of a transition from the
 * thread whose compare-and-set installed it, after it is installed and outside any lock.
 */
package dev.circuitbreaker.internal;
