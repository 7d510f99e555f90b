package dev.circuitbreaker.redis;

import java.util.List;

/**
 * A group as stored in Redis, as every script answers it. Immutable.
 *
 * @param tag what the script did: {@code VIEW} (a read), {@code OPENED}, {@code VOTED}, {@code GRANTED},
 *     {@code CLOSED}, {@code DONE} (the caller's decision is the group's now) or {@code STALE} (it was refused: the
 *     stored state stands)
 * @param epoch the group's epoch counter after the script
 * @param kind the last decision's state: OPEN, CLOSED, FORCED_OPEN, DISABLED, or NONE if Redis has none (lost)
 * @param stateEpoch that decision's epoch
 * @param origin the instance that took it
 * @param waitMs the open wait it runs by
 * @param remainingMs for OPEN, what is left of the wait on Redis's clock
 * @param holder the trial lease's holder ({@code instance|epoch}), or empty
 * @param leaseMs what is left of the lease
 * @param lost whether the epoch had to be raised to the caller's: Redis lost the group's data
 */
record StoreView(String tag, long epoch, String kind, long stateEpoch, String origin, long waitMs, long remainingMs,
        String holder, long leaseMs, boolean lost) {

    static StoreView parse(List<Object> reply) {
        return new StoreView(str(reply.get(0)), num(reply.get(1)), str(reply.get(2)), num(reply.get(3)),
                str(reply.get(4)), num(reply.get(5)), num(reply.get(6)), str(reply.get(7)), Math.max(0, num(reply.get(8))),
                num(reply.get(9)) == 1);
    }

    /** The trial holder's instance id, or null. */
    String holderInstance() {
        int bar = holder.lastIndexOf('|');
        return bar < 0 ? null : holder.substring(0, bar);
    }

    /** The trial lease's epoch, or 0. */
    long holderEpoch() {
        int bar = holder.lastIndexOf('|');
        return bar < 0 ? 0 : Long.parseLong(holder.substring(bar + 1));
    }

    private static String str(Object o) {
        return o == null ? "" : o.toString();
    }

    private static long num(Object o) {
        if (o instanceof Number n) {
            return n.longValue();
        }
        return o == null || o.toString().isEmpty() ? 0 : Long.parseLong(o.toString());
    }
}
