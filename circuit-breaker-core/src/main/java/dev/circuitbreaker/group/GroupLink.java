package dev.circuitbreaker.group;

import java.time.Duration;

/**
 * A store's handle on one shared group of one registry, returned by {@link GroupStore#attach}. Thread-safe.
 */
public interface GroupLink {

    /**
     * Hears a decision this instance took, right after it was installed, on the thread that installed it (a
     * caller's thread, often). Must return at once: no I/O, no waiting, no exception.
     *
     * @param decision the decision
     */
    void localDecision(LocalDecision decision);

    /** {@return the store's view of the group, for endpoints and health checks; cheap, no I/O} */
    GroupStoreStatus status();

    /**
     * How long an instance whose OPEN wait is over keeps rejecting calls while it waits for the store's answer to
     * {@link LocalDecision.Cause#TRIAL_WANTED} before it runs a trial of its own. Default one second.
     *
     * @return how long to wait for the store's answer
     */
    default Duration answerTimeout() {
        return Duration.ofSeconds(1);
    }

    /** Stops sharing the group: the registry dropped it. Returns at once. */
    void close();
}
