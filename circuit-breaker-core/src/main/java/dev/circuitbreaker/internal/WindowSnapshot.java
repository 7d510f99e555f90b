package dev.circuitbreaker.internal;

/** What a state's window holds at one moment: calls, recorded failures and slow calls. Immutable. */
public record WindowSnapshot(int bufferedCalls, int failedCalls, int slowCalls) {

    public static final WindowSnapshot EMPTY = new WindowSnapshot(0, 0, 0);
}
