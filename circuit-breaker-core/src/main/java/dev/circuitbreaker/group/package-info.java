/**
 * Shared state of circuit groups: the seam through which a group's decisions (a trip, the single trial, its
 * verdict, an operator's transition) are shared beyond one registry, across JVMs, through an external store.
 *
 * <p>A group named with {@code CircuitBreakerRegistry.Builder#sharedGroup} runs exactly like an in-memory group:
 * every call is decided locally, from the group's local state object, and never waits on the store. The core tells
 * the store's {@link dev.circuitbreaker.group.GroupLink} of each local decision
 * ({@link dev.circuitbreaker.group.LocalDecision}) right after installing it, and the store installs the decisions
 * of other instances ({@link dev.circuitbreaker.group.GroupDecision}) the way a local transition is installed: a
 * compare-and-set of a fresh state object, listeners told afterwards, outside any lock. Each local state carries a
 * sequence number, so a store never overwrites a local decision it has not heard of yet.
 *
 * <p>Implementations live in their own modules ({@code circuit-breaker-redis}). Groups that are not shared pay
 * nothing for this package. The types here depend on nothing but the JDK.
 */
package dev.circuitbreaker.group;
