package dev.circuitbreaker.internal;

import static dev.circuitbreaker.CircuitState.CLOSED;
import static dev.circuitbreaker.CircuitState.HALF_OPEN;
import static dev.circuitbreaker.CircuitState.OPEN;

import dev.circuitbreaker.CircuitState;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The legal transitions, as data. Automatic ones follow the rules; a manual one (an operator's order) may go from
 * any state to any other.
 */
public final class Transitions {

    private static final Map<CircuitState, Set<CircuitState>> AUTOMATIC = new EnumMap<>(CircuitState.class);

    static {
        for (CircuitState s : CircuitState.values()) {
            AUTOMATIC.put(s, EnumSet.noneOf(CircuitState.class));
        }
        AUTOMATIC.get(CLOSED).add(OPEN);
        AUTOMATIC.get(OPEN).add(HALF_OPEN);
        AUTOMATIC.get(HALF_OPEN).addAll(EnumSet.of(CLOSED, OPEN));
    }

    private Transitions() {
    }

    /** Whether the rules alone may move a breaker from {@code from} to {@code to}. */
    public static boolean isAutomatic(CircuitState from, CircuitState to) {
        return AUTOMATIC.get(from).contains(to);
    }

    /** Whether an operator may move a breaker from {@code from} to {@code to}: any change of state. */
    public static boolean isManual(CircuitState from, CircuitState to) {
        return from != to;
    }
}
