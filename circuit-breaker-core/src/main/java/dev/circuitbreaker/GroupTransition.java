package dev.circuitbreaker;

/**
 * Where a transition of a shared group's member came from (see {@link CircuitBreakerListener#onGroupTransition}):
 * this instance's own decision, or another instance's, shared through the group's store. Immutable.
 *
 * @param group the shared group
 * @param instance the id of the instance that decided it (this instance's own id for local decisions)
 * @param remote whether another instance decided it
 * @param epoch the store's epoch of the decision; 0 for a local decision the store has not answered yet
 */
public record GroupTransition(String group, String instance, boolean remote, long epoch) {
}
