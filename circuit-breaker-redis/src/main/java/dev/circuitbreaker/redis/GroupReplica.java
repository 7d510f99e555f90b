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
 * is replaced by the stored one. Following peers' decisions and stored views is {@link GroupSync}'s part.
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
    private final GroupSync sync;
    private int pending;
    /** The newest local decision Redis has not been told of (it was unavailable), if any. */
    private LocalDecision unsent;
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
        this.sync = new GroupSync(group, me);
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
        sync.seq = Math.max(sync.seq, d.seq());
        switch (d.cause()) {
            case TRIPPED -> {
                sync.localOnly = false;
                sync.leaseEpoch = 0;
                sync.decided(me, OPEN);
                send(d, GroupScripts.TRIP, ms(d.openWaitNanos()), quorum, quorumWindowMs, "0", "trip");
            }
            case TRIAL_FAILED -> {
                long lease = sync.leaseEpoch;
                sync.leaseEpoch = 0;
                sync.decided(me, OPEN);
                if (lease > 0) {
                    send(d, GroupScripts.TRIP, ms(d.openWaitNanos()), quorum, quorumWindowMs, Long.toString(lease), "fail");
                } else {
                    send(d, GroupScripts.TRIP, ms(d.openWaitNanos()), quorum, quorumWindowMs, "0", "trip");
                }
            }
            case TRIAL_PASSED -> {
                long lease = sync.leaseEpoch;
                sync.leaseEpoch = 0;
                sync.localOnly = false;
                if (lease > 0) {
                    sync.decided(me, CLOSED);
                    send(d, GroupScripts.CLOSE, Long.toString(lease));
                }
            }
            case TRIAL_WANTED -> {
                if (sync.localOnly || !connection.available()) {
                    sync.localTrial(d.seq());
                } else {
                    send(d, GroupScripts.ACQUIRE, Long.toString(leaseMs));
                }
            }
            case LOCAL_TRIAL -> sync.leaseEpoch = 0;
            case MANUAL -> {
                sync.localOnly = false;
                sync.leaseEpoch = 0;
                sync.decided(me, d.state());
                send(d, GroupScripts.MANUAL, d.state().name(), ms(manualWait(d)), Long.toString(leaseMs));
            }
        }
        drainHeld();
        publishStatus();
    }

    private void send(LocalDecision d, GroupScripts.Script script, String... own) {
        if (!connection.available() || connection.commands() == null) {
            if (d.cause() == LocalDecision.Cause.TRIAL_WANTED) {
                sync.localTrial(d.seq());
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
                sync.localTrial(d.seq());
            } else if (d.cause() != LocalDecision.Cause.TRIAL_PASSED) {
                unsent = d;
            }
        } else {
            connection.succeeded();
            if (unsent == d) {
                unsent = null;
            }
            sync.knownEpoch = Math.max(sync.knownEpoch, v.epoch());
            switch (v.tag()) {
                case "OPENED", "CLOSED" -> sync.applied(v);
                case "DONE" -> {
                    sync.applied(v);
                    if (me.equals(v.holderInstance())) {
                        sync.leaseEpoch = v.holderEpoch();
                    }
                }
                case "VOTED" -> sync.localOnly = true;
                case "GRANTED" -> {
                    sync.leaseEpoch = v.holderEpoch();
                    sync.install(new GroupDecision(HALF_OPEN, 0, sync.nanos(v.waitMs()), me, sync.leaseEpoch), d.seq());
                }
                default -> sync.adopt(v, true);
            }
        }
        drainHeld();
        publishStatus();
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
        if (!sync.process(m)) {
            held.add(m);
        }
        publishStatus();
    }

    private void drainHeld() {
        while (pending == 0 && !held.isEmpty()) {
            if (!sync.process(held.peek())) {
                return;
            }
            held.poll();
        }
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
            sync.knownEpoch = Math.max(sync.knownEpoch, view.epoch());
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
                sync.adopt(view, false);
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
        if (cur.state() == OPEN && cur.remainingNanos() > 0 && !sync.localOnly) {
            send(d, GroupScripts.TRIP, ms(cur.remainingNanos()), quorum, quorumWindowMs, "0", "republish");
        } else if (cur.state() == GroupState.FORCED_OPEN || cur.state() == GroupState.DISABLED) {
            send(d, GroupScripts.MANUAL, cur.state().name(), ms(cur.openWaitNanos()), Long.toString(leaseMs));
        }
    }


    // ---- helpers




    private void publishStatus() {
        status = new GroupStoreStatus(group.group(), "redis", me, connection.available(), sync.knownEpoch, sync.decidedBy, sync.decision);
    }

    private String[] args(String... own) {
        String[] all = new String[3 + own.length];
        all[0] = channel;
        all[1] = Long.toString(sync.knownEpoch);
        all[2] = me;
        System.arraycopy(own, 0, all, 3, own.length);
        return all;
    }


    private static long manualWait(LocalDecision d) {
        return d.state() == OPEN ? d.remainingNanos() : d.openWaitNanos();
    }

    private static String ms(long nanos) {
        return Long.toString(Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos)));
    }

}
