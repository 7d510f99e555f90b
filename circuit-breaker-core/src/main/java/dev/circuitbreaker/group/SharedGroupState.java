package dev.circuitbreaker.group;

/**
 * A shared group as this instance runs it: the side of the seam the core implements and a {@link GroupStore}
 * drives. Every member breaker of the group in this registry reads the same local state; the store changes it only
 * through {@link #install}. Thread-safe.
 */
public interface SharedGroupState {

    /** {@return the group's name} */
    String group();

    /** {@return how the group is shared} */
    SharedGroupConfig config();

    /** {@return the local state now. Reading it changes nothing} */
    LocalState current();

    /**
     * Installs {@code decision} if the local state is still the one numbered {@code expectedSeq}: a compare-and-set
     * of a fresh state object, after which the member breakers' listeners hear of the transition (marked with the
     * decision's origin), outside any lock. Installing the state the group is in already replaces its state object
     * without a transition (an OPEN re-armed with another remaining wait, say).
     *
     * @param decision the decision
     * @param expectedSeq the expected seq
     * @return the sequence number of the installed state, or {@code -1} if the local state has moved on: a local
     *     decision the store has not been told of yet is on its way, and the store must wait for it
     */
    long install(GroupDecision decision, long expectedSeq);

    /**
     * Tells the group whether the store can be used now. While it cannot, the group runs exactly as an in-memory
     * group: an OPEN whose wait is over lets this instance's trials in without asking anyone.
     *
     * @param available the available
     */
    void storeAvailable(boolean available);
}
