package dev.circuitbreaker.group;

/**
 * Where shared groups share their decisions with the other instances of a service: a trip opens the group
 * everywhere, one instance at a time runs the group's trial, and its verdict applies everywhere. Given to a
 * registry with {@code CircuitBreakerRegistry.Builder#groupStore}; the registry attaches each of its shared groups
 * when the group's first member is created.
 *
 * <p>A store must never hurt a call: it never runs I/O on a caller's thread, and while it is unavailable it tells
 * each group so ({@link SharedGroupState#storeAvailable}), which then runs as an in-memory group. Implementations
 * are thread-safe.
 */
public interface GroupStore extends AutoCloseable {

    /**
     * Starts sharing {@code group}. Called by the registry under its lock: must return at once, without I/O.
     *
     * @param group the group
     * @return the store's handle on the group
     */
    GroupLink attach(SharedGroupState group);

    /** Stops sharing every attached group and releases the store's connections. */
    @Override
    void close();
}
