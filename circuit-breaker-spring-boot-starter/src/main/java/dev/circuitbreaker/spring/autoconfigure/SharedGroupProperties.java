package dev.circuitbreaker.spring.autoconfigure;

import java.time.Duration;

/**
 * The settings of one circuit group under {@code circuitbreaker.groups.<group>}: whether it is shared across the
 * instances of the service (through Redis, module {@code circuit-breaker-redis}) and how. A field left {@code null}
 * takes the default named in its description. A mutable binding target: not thread-safe, read once at startup.
 */
public class SharedGroupProperties {

    /** Whether the group's state (a trip, the single trial, its verdict, manual transitions) is shared across instances through Redis. Default false. */
    private Boolean shared;

    /** How many instances' own windows must trip within quorum-window before the group opens everywhere; 1 opens it on any trip. Default 1. */
    private Integer quorum;

    /** The window within which the trips of quorum instances open the group. Default 10s. */
    private Duration quorumWindow;

    /** How long one instance may hold the group's trial without a verdict before another instance may take it. Default 10s. */
    private Duration trialLease;

    /** @return {@code circuitbreaker.groups.<group>.shared}, or {@code null} when not set */
    public Boolean getShared() {
        return shared;
    }

    /** @param shared {@code circuitbreaker.groups.<group>.shared}, or {@code null} when not set */
    public void setShared(Boolean shared) {
        this.shared = shared;
    }

    /** @return {@code circuitbreaker.groups.<group>.quorum}, or {@code null} when not set */
    public Integer getQuorum() {
        return quorum;
    }

    /** @param quorum {@code circuitbreaker.groups.<group>.quorum}, or {@code null} when not set */
    public void setQuorum(Integer quorum) {
        this.quorum = quorum;
    }

    /** @return {@code circuitbreaker.groups.<group>.quorum-window}, or {@code null} when not set */
    public Duration getQuorumWindow() {
        return quorumWindow;
    }

    /** @param quorumWindow {@code circuitbreaker.groups.<group>.quorum-window}, or {@code null} when not set */
    public void setQuorumWindow(Duration quorumWindow) {
        this.quorumWindow = quorumWindow;
    }

    /** @return {@code circuitbreaker.groups.<group>.trial-lease}, or {@code null} when not set */
    public Duration getTrialLease() {
        return trialLease;
    }

    /** @param trialLease {@code circuitbreaker.groups.<group>.trial-lease}, or {@code null} when not set */
    public void setTrialLease(Duration trialLease) {
        this.trialLease = trialLease;
    }
}
