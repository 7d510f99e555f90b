package dev.circuitbreaker.internal;

import dev.circuitbreaker.CircuitState;

/**
 * One period of a breaker's life, from the transition that installed it to the one that replaces it. Each state
 * owns its own window, permits and timer; a transition installs a fresh object.
 */
public abstract class State {

    final StateMachine machine;
    /** The ticker reading when this state was created: the start of its period. */
    final long enteredAt;
    /**
     * The state's place in its machine's sequence of installed states: set to its predecessor's plus one just before
     * the compare-and-set that installs it (racing installers of one decided successor write the same value), so it
     * is visible to every thread that reads the state from the machine. Shared groups use it to tell whether a local
     * decision happened since a store last looked.
     */
    long seq;

    State(StateMachine machine, long enteredAt) {
        this.machine = machine;
        this.enteredAt = enteredAt;
    }

    /** Which of the public states this is. */
    public abstract CircuitState kind();

    /**
     * Asks for a call. Returns {@code null} when this state has just been decided or replaced, and the caller must
     * ask the machine's current state again.
     */
    abstract Permission acquire();

    /** The state this one has decided to become but that may not be installed yet, or {@code null}. */
    State successor() {
        return null;
    }

    /** The window's content as of {@code tick}. */
    abstract WindowSnapshot window(long tick);

    /** Nanoseconds until a trial is let in as of {@code tick}; 0 unless OPEN. */
    long remainingWaitNanos(long tick) {
        return 0;
    }

    /** The open wait a manual OPEN or HALF_OPEN entered from here continues with: backoff survives manual moves. */
    long openWaitNanos() {
        return machine.policy().baseWaitNanos;
    }
}
