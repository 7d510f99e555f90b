package dev.circuitbreaker.redis;

import static dev.circuitbreaker.group.GroupState.CLOSED;
import static dev.circuitbreaker.group.GroupState.HALF_OPEN;
import static dev.circuitbreaker.group.GroupState.OPEN;

import dev.circuitbreaker.group.GroupDecision;
import dev.circuitbreaker.group.GroupState;
import dev.circuitbreaker.group.LocalState;
import dev.circuitbreaker.group.SharedGroupState;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * What one instance knows of its shared group's decisions, and how it follows them: peers' messages
 * ({@link #process}) and the state Redis holds ({@link #adopt}) are installed in the local group with its
 * compare-and-set, only if the local state is still the one numbered {@link #seq} (else a local decision is on its
 * way to the store, and the caller waits for it), and only if their epoch is newer than every epoch seen. Used by
 * {@link GroupReplica} on the store's thread only: not thread-safe.
 */
final class GroupSync {

    final SharedGroupState group;
    final String me;
    /** The sequence number of the local state as this instance last heard of or installed it. */
    long seq;
    /** The newest epoch seen anywhere: the store's floor, and the line below which messages are dropped. */
    long knownEpoch;
    /** The epoch of the decision the local state reflects. */
    long appliedEpoch;
    /** The epoch of the trial lease this instance holds for its HALF_OPEN, or 0. */
    long leaseEpoch;
    /** The local OPEN (or its trial) is this instance's own: its trip did not reach the quorum. */
    boolean localOnly;
    String decidedBy;
    GroupState decision;

    GroupSync(SharedGroupState group, String me) {
        this.group = group;
        this.me = me;
        this.seq = group.current().seq();
    }

    void applied(StoreView v) {
        appliedEpoch = Math.max(appliedEpoch, v.stateEpoch());
        decided(v.origin(), GroupState.valueOf(v.kind()));
    }

    void localTrial(long expectedSeq) {
        leaseEpoch = 0;
        install(new GroupDecision(HALF_OPEN, 0, 0, me, 0), expectedSeq);
    }

    /** Applies a peer's decision unless it is stale; false if a local decision is on its way (hold it). */
    boolean process(PeerMessage m) {
        if (m.epoch() <= knownEpoch) {
            return true;
        }
        if (me.equals(m.origin())) {
            knownEpoch = m.epoch(); // our own, timed out and executed later: the local state is newer or equal
            return true;
        }
        LocalState cur = group.current();
        if (cur.seq() != seq) {
            return false;
        }
        boolean done = switch (m.kind()) {
            case "OPEN" -> groupDecision(OPEN, m.remainingMs(), m.waitMs(), m.origin(), m.epoch());
            case "CLOSED" -> localOnly && open(cur) || cur.state() == CLOSED
                    ? accepted(m.origin(), CLOSED, m.epoch())
                    : groupDecision(CLOSED, 0, 0, m.origin(), m.epoch());
            case "FORCED_OPEN", "DISABLED" -> groupDecision(GroupState.valueOf(m.kind()), 0, m.waitMs(), m.origin(), m.epoch());
            // The group's OPEN is over and another instance runs its trial: wait for its verdict, or its lease.
            case "TRIAL" -> localOnly || install(awaiting(m.remainingMs(), m.waitMs(), m.origin(), m.epoch()), seq);
            default -> true;
        };
        if (done) {
            knownEpoch = m.epoch();
        }
        return done;
    }

    boolean groupDecision(GroupState state, long remainingMs, long waitMs, String origin, long epoch) {
        if (!install(new GroupDecision(state, nanos(remainingMs), nanos(waitMs), origin, epoch), seq)) {
            return false;
        }
        localOnly = false;
        leaseEpoch = 0;
        return accepted(origin, state, epoch);
    }

    boolean accepted(String origin, GroupState state, long epoch) {
        appliedEpoch = Math.max(appliedEpoch, epoch);
        decided(origin, state);
        return true;
    }

    /**
     * Brings the local state in line with Redis's: always after a refusal ({@code force}), otherwise (a reconcile
     * read) only for a decision newer than the one the local state reflects, or another instance's trial.
     */
    void adopt(StoreView v, boolean force) {
        LocalState cur = group.current();
        if (cur.seq() != seq) {
            return; // a local decision is on its way; its answer settles it
        }
        boolean newer = force || v.stateEpoch() > appliedEpoch;
        String holder = v.holderInstance();
        switch (v.kind()) {
            case "CLOSED" -> {
                if (newer && !(localOnly && open(cur))) {
                    if (cur.state() == CLOSED) {
                        accepted(v.origin(), CLOSED, v.stateEpoch());
                    } else {
                        groupDecision(CLOSED, 0, 0, v.origin(), v.stateEpoch());
                    }
                }
            }
            case "FORCED_OPEN", "DISABLED" -> {
                if (newer && cur.state() != GroupState.valueOf(v.kind())) {
                    groupDecision(GroupState.valueOf(v.kind()), 0, v.waitMs(), v.origin(), v.stateEpoch());
                }
            }
            case "OPEN" -> {
                if (v.remainingMs() > 0) {
                    if (newer) {
                        groupDecision(OPEN, v.remainingMs(), v.waitMs(), v.origin(), v.stateEpoch());
                    }
                } else if (holder != null && !holder.equals(me)) {
                    boolean lostLease = cur.state() == HALF_OPEN && leaseEpoch > 0 && leaseEpoch < v.holderEpoch();
                    boolean waitsLess = cur.state() == OPEN && cur.remainingNanos() < nanos(v.leaseMs());
                    if (!localOnly && (lostLease || waitsLess || newer && cur.state() == CLOSED)) {
                        if (install(awaiting(v.leaseMs(), v.waitMs(), holder, v.holderEpoch()), seq)) {
                            leaseEpoch = 0;
                            accepted(v.origin(), OPEN, v.stateEpoch());
                        }
                    }
                } else if (newer && cur.state() == CLOSED) {
                    groupDecision(OPEN, 0, v.waitMs(), v.origin(), v.stateEpoch()); // over: the next call asks for the trial
                }
            }
            default -> {
                // NONE: Redis has no state for the group (lost); the next decision or reconcile restores it.
            }
        }
    }

    /** An OPEN that waits for another instance's trial: until its lease is over, jittered so askers spread out. */
    GroupDecision awaiting(long leaseLeftMs, long waitMs, String holder, long epoch) {
        long jitterMs = ThreadLocalRandom.current().nextLong(50);
        return new GroupDecision(OPEN, nanos(leaseLeftMs + jitterMs), nanos(waitMs), holder, epoch);
    }

    boolean install(GroupDecision decision, long expectedSeq) {
        long installed = group.install(decision, expectedSeq);
        if (installed < 0) {
            return false;
        }
        seq = installed;
        return true;
    }

    void decided(String origin, GroupState state) {
        decidedBy = origin;
        decision = state;
    }

    static boolean open(LocalState s) {
        return s.state() == OPEN || s.state() == HALF_OPEN;
    }

    static long nanos(long millis) {
        return TimeUnit.MILLISECONDS.toNanos(Math.max(0, millis));
    }
}
