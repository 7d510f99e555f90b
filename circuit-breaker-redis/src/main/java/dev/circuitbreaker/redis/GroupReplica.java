package dev.circuitbreaker.redis;

import static dev.circuitbreaker.group.GroupState.CLOSED;
import static dev.circuitbreaker.group.GroupState.HALF_OPEN;
import static dev.circuitbreaker.group.GroupState.OPEN;

import dev.circuitbreaker.group.GroupDecision;
import dev.circuitbreaker.group.GroupLink;
import dev.circuitbreaker.group.GroupState;
import dev.circuitbreaker.group.GroupStoreStatus;
import dev.circuitbreaker.group.LocalDecision;
import dev.circuitbreaker.group.LocalState;
import dev.circuitbreaker.group.SharedGroupState;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One shared group in one instance, kept in step with Redis. Everything but {@link #localDecision} and
 * {@link #status} runs on the store's thread, one event at a time: this instance's decisions (sent to Redis), the
 * answers, peers' decisions from the channel, and the reconcile reads.
 *
 * <p>Ordering rules: while a local decision is unanswered, peers' messages are held back, then dropped if their
 * epoch is not newer than the answer's, so a peer's late CLOSED cannot undo a newer local trip. A store's decision
 * is installed only if the local state is still the one this replica last heard of (its sequence number); if not,
 * a local decision is on its way here, and the message waits for it. A decision that Redis refused ({@code STALE})
 * is replaced by the stored one.
 */
final class GroupReplica implements GroupLink {

    private final SharedGroupState group;
    private final RedisGroupStore.Settings settings;
    private final StoreThread thread;
    private final StoreConnection connection;
    private final Consumer<GroupReplica> detach;
    private final String me;
    private final String channel;
    private final String[] keys;
    private final String quorum;
    private final String quorumWindowMs;
    private final long leaseMs;
    private final ArrayDeque<PeerMessage> held = new ArrayDeque<>();
    private long seq;
    private long knownEpoch;
    private long appliedEpoch;
    private long leaseEpoch;
    /** The local OPEN (or its trial) is this instance's own: its trip did not reach the quorum. */
    private boolean localOnly;
    private int pending;
    /** The newest local decision Redis has not been told of (it was unavailable), if any. */
    private LocalDecision unsent;
    private String decidedBy;
    private GroupState decision;
    private ScheduledFuture<?> refresh;
    private boolean closed;
    private volatile GroupStoreStatus status;

    GroupReplica(SharedGroupState group, RedisGroupStore.Settings settings, StoreThread thread,
            StoreConnection connection, Consumer<GroupReplica> detach) {
        this.group = group;
        this.settings = settings;
        this.thread = thread;
        this.connection = connection;
        this.detach = detach;
        this.me = settings.instanceId();
        String base = settings.keyPrefix() + ":{" + group.group() + "}:";
        this.channel = base + "events";
        this.keys = new String[] {base + "epoch", base + "state", base + "trial", base + "votes"};
        this.quorum = Integer.toString(group.config().quorum());
        this.quorumWindowMs = Long.toString(group.config().quorumWindow().toMillis());
        this.leaseMs = group.config().trialLease().toMillis();
        this.seq = group.current().seq();
        publishStatus();
    }

    String channel() {
        return channel;
    }

    @Override
    public void localDecision(LocalDecision decision) {
        thread.execute(() -> onLocal(decision));
    }

    @Override
    public GroupStoreStatus status() {
        return status;
    }

    @Override
    public Duration answerTimeout() {
        return settings.commandTimeout().multipliedBy(3).plusMillis(50);
    }

    @Override
    public void close() {
        thread.execute(this::shutdown);
    }

    void start() {
        long period = settings.refreshInterval().toMillis();
        refresh = thread.every(this::reconcile, ThreadLocalRandom.current().nextLong(period) + 1, period, TimeUnit.MILLISECONDS);
        storeAvailable(connection.available());
    }

    void shutdown() {
        if (!closed) {
            closed = true;
            if (refresh != null) {
                refresh.cancel(false);
            }
            group.storeAvailable(false);
            detach.accept(this);
        }
    }

    void storeAvailable(boolean available) {
        if (closed) {
            return;
        }
        group.storeAvailable(available);
        publishStatus();
        if (available) {
            reconcile();
        }
    }

    // ---- this instance's decisions

    private void onLocal(LocalDecision d) {
        if (closed) {
            return;
        }
        seq = Math.max(seq, d.seq());
        switch (d.cause()) {
            case TRIPPED -> {
                localOnly = false;
                leaseEpoch = 0;
                decided(me, OPEN);
                send(d, GroupScripts.TRIP, ms(d.openWaitNanos()), quorum, quorumWindowMs, "0", "trip");
            }
            case TRIAL_FAILED -> {
                long lease = leaseEpoch;
                leaseEpoch = 0;
                decided(me, OPEN);
                if (lease > 0) {
                    send(d, GroupScripts.TRIP, ms(d.openWaitNanos()), quorum, quorumWindowMs, Long.toString(lease), "fail");
                } else {
                    send(d, GroupScripts.TRIP, ms(d.openWaitNanos()), quorum, quorumWindowMs, "0", "trip");
                }
            }
            case TRIAL_PASSED -> {
                long lease = leaseEpoch;
                leaseEpoch = 0;
                localOnly = false;
                if (lease > 0) {
                    decided(me, CLOSED);
                    send(d, GroupScripts.CLOSE, Long.toString(lease));
                }
            }
            case TRIAL_WANTED -> {
                if (localOnly || !connection.available()) {
                    localTrial(d.seq());
                } else {
                    send(d, GroupScripts.ACQUIRE, Long.toString(leaseMs));
                }
            }
            case LOCAL_TRIAL -> leaseEpoch = 0;
            case MANUAL -> {
                localOnly = false;
                leaseEpoch = 0;
                decided(me, d.state());
                send(d, GroupScripts.MANUAL, d.state().name(), ms(manualWait(d)), Long.toString(leaseMs));
            }
        }
        drainHeld();
        publishStatus();
    }

    private void send(LocalDecision d, GroupScripts.Script script, String... own) {
        if (!connection.available() || connection.commands() == null) {
            if (d.cause() == LocalDecision.Cause.TRIAL_WANTED) {
                localTrial(d.seq());
            } else {
                unsent = d;
            }
            publishStatus();
            return;
        }
        pending++;
        script.run(connection.commands(), keys, args(own)).whenComplete((view, failure) ->
                thread.execute(() -> answered(d, view, failure)));
    }

    private void answered(LocalDecision d, StoreView v, Throwable failure) {
        pending--;
        if (closed) {
            return;
        }
        if (failure != null) {
            connection.failed(failure);
            if (d.cause() == LocalDecision.Cause.TRIAL_WANTED) {
                localTrial(d.seq());
            } else if (d.cause() != LocalDecision.Cause.TRIAL_PASSED) {
                unsent = d;
            }
        } else {
            connection.succeeded();
            if (unsent == d) {
                unsent = null;
            }
            knownEpoch = Math.max(knownEpoch, v.epoch());
            switch (v.tag()) {
                case "OPENED", "CLOSED" -> applied(v);
                case "DONE" -> {
                    applied(v);
                    if (me.equals(v.holderInstance())) {
                        leaseEpoch = v.holderEpoch();
                    }
                }
                case "VOTED" -> localOnly = true;
                case "GRANTED" -> {
                    leaseEpoch = v.holderEpoch();
                    install(new GroupDecision(HALF_OPEN, 0, nanos(v.waitMs()), me, leaseEpoch), d.seq());
                }
                default -> adopt(v, true);
            }
        }
        drainHeld();
        publishStatus();
    }

    private void applied(StoreView v) {
        appliedEpoch = Math.max(appliedEpoch, v.stateEpoch());
        decided(v.origin(), GroupState.valueOf(v.kind()));
    }

    private void localTrial(long expectedSeq) {
        leaseEpoch = 0;
        install(new GroupDecision(HALF_OPEN, 0, 0, me, 0), expectedSeq);
    }

    // ---- peers' decisions

    void onMessage(PeerMessage m) {
        if (m == null || closed) {
            return;
        }
        if (pending > 0 || !held.isEmpty()) {
            held.add(m);
            return;
        }
        if (!process(m)) {
            held.add(m);
        }
        publishStatus();
    }

    private void drainHeld() {
        while (pending == 0 && !held.isEmpty()) {
            if (!process(held.peek())) {
                return;
            }
            held.poll();
        }
    }

    /** Applies a peer's decision unless it is stale; false if a local decision is on its way (hold it). */
    private boolean process(PeerMessage m) {
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

    private boolean groupDecision(GroupState state, long remainingMs, long waitMs, String origin, long epoch) {
        if (!install(new GroupDecision(state, nanos(remainingMs), nanos(waitMs), origin, epoch), seq)) {
            return false;
        }
        localOnly = false;
        leaseEpoch = 0;
        return accepted(origin, state, epoch);
    }

    private boolean accepted(String origin, GroupState state, long epoch) {
        appliedEpoch = Math.max(appliedEpoch, epoch);
        decided(origin, state);
        return true;
    }

    // ---- reconcile

    private void reconcile() {
        if (closed || pending > 0 || !connection.available() || connection.commands() == null) {
            return;
        }
        GroupScripts.READ.run(connection.commands(), keys, args()).whenComplete((view, failure) -> thread.execute(() -> {
            if (closed) {
                return;
            }
            if (failure != null) {
                connection.failed(failure);
                return;
            }
            connection.succeeded();
            knownEpoch = Math.max(knownEpoch, view.epoch());
            if (pending > 0) {
                return; // a local decision went out meanwhile: its answer settles the group
            }
            LocalDecision replay = unsent;
            unsent = null;
            if (replay != null && replay.seq() == group.current().seq()) {
                resend(replay);
            } else if (view.lost()) {
                republish();
            } else {
                adopt(view, false);
            }
            drainHeld();
            publishStatus();
        }));
    }

    /** Tells Redis a local decision it could not be told of when taken, if that is still the local state. */
    private void resend(LocalDecision d) {
        LocalState cur = group.current();
        if (d.cause() == LocalDecision.Cause.MANUAL) {
            long wait = d.state() == OPEN ? cur.remainingNanos() : manualWait(d);
            send(d, GroupScripts.MANUAL, d.state().name(), ms(wait), Long.toString(leaseMs));
        } else if (cur.state() == OPEN && cur.remainingNanos() > 0) {
            send(d, GroupScripts.TRIP, ms(cur.remainingNanos()), quorum, quorumWindowMs, "0", "trip");
        }
    }

    /** Redis lost the group: a still-valid local OPEN (or an operator's state) is told again, at a higher epoch. */
    private void republish() {
        LocalState cur = group.current();
        LocalDecision d = new LocalDecision(cur.state(), LocalDecision.Cause.MANUAL, cur.seq(), cur.remainingNanos(),
                cur.openWaitNanos());
        if (cur.state() == OPEN && cur.remainingNanos() > 0 && !localOnly) {
            send(d, GroupScripts.TRIP, ms(cur.remainingNanos()), quorum, quorumWindowMs, "0", "republish");
        } else if (cur.state() == GroupState.FORCED_OPEN || cur.state() == GroupState.DISABLED) {
            send(d, GroupScripts.MANUAL, cur.state().name(), ms(cur.openWaitNanos()), Long.toString(leaseMs));
        }
    }

    /**
     * Brings the local state in line with Redis's: always after a refusal ({@code force}), otherwise (a reconcile
     * read) only for a decision newer than the one the local state reflects, or another instance's trial.
     */
    private void adopt(StoreView v, boolean force) {
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

    // ---- helpers

    /** An OPEN that waits for another instance's trial: until its lease is over, jittered so askers spread out. */
    private GroupDecision awaiting(long leaseLeftMs, long waitMs, String holder, long epoch) {
        long jitterMs = ThreadLocalRandom.current().nextLong(50);
        return new GroupDecision(OPEN, nanos(leaseLeftMs + jitterMs), nanos(waitMs), holder, epoch);
    }

    private boolean install(GroupDecision decision, long expectedSeq) {
        long installed = group.install(decision, expectedSeq);
        if (installed < 0) {
            return false;
        }
        seq = installed;
        return true;
    }

    private void decided(String origin, GroupState state) {
        decidedBy = origin;
        decision = state;
    }

    private void publishStatus() {
        status = new GroupStoreStatus(group.group(), "redis", me, connection.available(), knownEpoch, decidedBy, decision);
    }

    private String[] args(String... own) {
        String[] all = new String[3 + own.length];
        all[0] = channel;
        all[1] = Long.toString(knownEpoch);
        all[2] = me;
        System.arraycopy(own, 0, all, 3, own.length);
        return all;
    }

    private static boolean open(LocalState s) {
        return s.state() == OPEN || s.state() == HALF_OPEN;
    }

    private static long manualWait(LocalDecision d) {
        return d.state() == OPEN ? d.remainingNanos() : d.openWaitNanos();
    }

    private static String ms(long nanos) {
        return Long.toString(Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos)));
    }

    private static long nanos(long millis) {
        return TimeUnit.MILLISECONDS.toNanos(Math.max(0, millis));
    }
}
