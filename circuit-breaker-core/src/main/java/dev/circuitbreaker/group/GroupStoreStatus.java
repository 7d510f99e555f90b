package dev.circuitbreaker.group;

/**
 * What a store knows of one shared group, for endpoints, health checks and dashboards. Immutable.
 *
 * @param group the group's name
 * @param store what kind of store shares it, e.g. {@code "redis"}
 * @param instance this instance's id in the store
 * @param connected whether the store can be used now (else the group runs as an in-memory group here)
 * @param epoch the newest epoch of the group this instance has seen (0 before the first)
 * @param decidedBy the instance whose decision the local state reflects, {@code null} if no decision has been
 *     shared yet; equal to {@code instance} for this instance's own decisions
 * @param decision the state that decision installed, {@code null} if none
 */
public record GroupStoreStatus(String group, String store, String instance, boolean connected, long epoch,
        String decidedBy, GroupState decision) {

    /** {@return whether the local state reflects another instance's decision} */
    public boolean decidedRemotely() {
        return decidedBy != null && !decidedBy.equals(instance);
    }
}
