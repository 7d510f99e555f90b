package dev.circuitbreaker.group;

import java.time.Duration;
import java.util.Objects;

/**
 * How one circuit group is shared across instances. Immutable and thread-safe; built by {@link #builder()}.
 */
public final class SharedGroupConfig {

    private static final SharedGroupConfig DEFAULTS = builder().build();

    private final int quorum;
    private final Duration quorumWindow;
    private final Duration trialLease;

    private SharedGroupConfig(Builder builder) {
        this.quorum = builder.quorum;
        this.quorumWindow = builder.quorumWindow;
        this.trialLease = builder.trialLease;
    }

    /** {@return the defaults: quorum 1, quorum window 10 s, trial lease 10 s} */
    public static SharedGroupConfig ofDefaults() {
        return DEFAULTS;
    }

    /** {@return a builder holding the defaults} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * {@return how many instances' own windows must trip within {@link #quorumWindow()} before the group opens
     * everywhere}
     */
    public int quorum() {
        return quorum;
    }

    /** {@return the window within which the trips of {@link #quorum()} instances open the group} */
    public Duration quorumWindow() {
        return quorumWindow;
    }

    /** {@return how long one instance may hold the group's trial without a verdict before another may take it} */
    public Duration trialLease() {
        return trialLease;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SharedGroupConfig c && quorum == c.quorum && quorumWindow.equals(c.quorumWindow)
                && trialLease.equals(c.trialLease);
    }

    @Override
    public int hashCode() {
        return Objects.hash(quorum, quorumWindow, trialLease);
    }

    @Override
    public String toString() {
        return "SharedGroupConfig[quorum=" + quorum + ", quorumWindow=" + quorumWindow + ", trialLease=" + trialLease + "]";
    }

    /** Builds a {@link SharedGroupConfig}; each setter rejects a bad value at once, naming it. Not thread-safe. */
    public static final class Builder {

        /** Durations are shared in milliseconds; a day is far more than any lease or vote needs. */
        private static final Duration MAX = Duration.ofDays(1);

        private int quorum = 1;
        private Duration quorumWindow = Duration.ofSeconds(10);
        private Duration trialLease = Duration.ofSeconds(10);

        private Builder() {
        }

        /**
         * Instances whose own window must trip within the quorum window before the group opens everywhere; default 1
         * (any instance's trip opens the group). With more, an instance that trips alone opens only itself.
         *
         * @param quorum the quorum
         * @return this builder
         * @throws IllegalArgumentException if below 1
         */
        public Builder quorum(int quorum) {
            if (quorum < 1) {
                throw new IllegalArgumentException("quorum must be at least 1 but was " + quorum);
            }
            this.quorum = quorum;
            return this;
        }

        /**
         * The window in which the trips of {@code quorum} instances count together; default 10 s.
         *
         * @param quorumWindow the quorum window
         * @return this builder
         * @throws IllegalArgumentException if null, shorter than 1 ms or longer than a day
         */
        public Builder quorumWindow(Duration quorumWindow) {
            this.quorumWindow = checked("quorumWindow", quorumWindow);
            return this;
        }

        /**
         * How long one instance may hold the group's trial without a verdict before another may take it; default
         * 10 s. An instance's lease also ends with its own {@code maxWaitDurationInHalfOpenState}, if that is shorter.
         *
         * @param trialLease the trial lease
         * @return this builder
         * @throws IllegalArgumentException if null, shorter than 1 ms or longer than a day
         */
        public Builder trialLease(Duration trialLease) {
            this.trialLease = checked("trialLease", trialLease);
            return this;
        }

        /** {@return builds the config} */
        public SharedGroupConfig build() {
            return new SharedGroupConfig(this);
        }

        private static Duration checked(String option, Duration value) {
            if (value == null || value.toMillis() < 1 || value.compareTo(MAX) > 0) {
                throw new IllegalArgumentException(option + " must be between 1ms and 1d but was " + value);
            }
            return value;
        }
    }
}
