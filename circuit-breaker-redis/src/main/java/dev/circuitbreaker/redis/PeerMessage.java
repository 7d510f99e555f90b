package dev.circuitbreaker.redis;

/**
 * A decision published on a group's channel: {@code kind|epoch|origin|waitMs|remainingMs}. Kinds: OPEN, CLOSED,
 * FORCED_OPEN, DISABLED, and TRIAL (the origin holds the group's trial; remainingMs is its lease). Immutable.
 */
record PeerMessage(String kind, long epoch, String origin, long waitMs, long remainingMs) {

    /** The message, or null if it is not one (another writer on the channel). */
    static PeerMessage parse(String text) {
        String[] f = text == null ? new String[0] : text.split("\\|");
        if (f.length != 5) {
            return null;
        }
        try {
            return new PeerMessage(f[0], Long.parseLong(f[1]), f[2], Long.parseLong(f[3]), Long.parseLong(f[4]));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
