package dev.circuitbreaker.concurrency;

import dev.circuitbreaker.CircuitBreaker;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * Asynchronous calls through a breaker whose downstream futures the test completes later, one slot per caller, so a
 * call's permit can be held across operations: {@link #start} asks for a permit, {@link #finish} reports the outcome.
 * Each slot must be used by one thread at a time (Lincheck: one non-parallel group per slot).
 */
final class HeldCalls {

    static final int SUCCESS = 0;
    static final int FAILURE = 1;
    static final int IGNORED = 2;

    /** A recorded failure; preallocated, so no stack trace is filled in under the model checker. */
    static final IOException FAILURE_EXCEPTION = new IOException("downstream failed");
    /** An exception the configs used here ignore. */
    static final IgnoredException IGNORED_EXCEPTION = new IgnoredException();

    private final CircuitBreaker[] breakers;
    private final CompletableFuture<?>[] held;

    /** {@code slots} callers, all calling through {@code breaker}. */
    HeldCalls(CircuitBreaker breaker, int slots) {
        this(java.util.Collections.nCopies(slots, breaker).toArray(new CircuitBreaker[0]));
    }

    /** One caller per element, calling through that breaker. */
    HeldCalls(CircuitBreaker... breakerBySlot) {
        this.breakers = breakerBySlot;
        this.held = new CompletableFuture<?>[breakerBySlot.length];
    }

    /** Starts a call in {@code slot}: "admitted" (its permit is now held), "rejected", or "busy" if the slot holds one. */
    String start(int slot) {
        if (held[slot] != null) {
            return "busy";
        }
        CompletableFuture<String> downstream = new CompletableFuture<>();
        CompletableFuture<String> call = breakers[slot].callAsync(() -> downstream);
        if (call.isCompletedExceptionally()) {
            return "rejected";
        }
        held[slot] = downstream;
        return "admitted";
    }

    /** Completes the call held in {@code slot} with {@code outcome}; "idle" if the slot holds none. */
    @SuppressWarnings("unchecked")
    String finish(int slot, int outcome) {
        CompletableFuture<String> downstream = (CompletableFuture<String>) held[slot];
        if (downstream == null) {
            return "idle";
        }
        held[slot] = null;
        switch (outcome) {
            case SUCCESS -> downstream.complete("ok");
            case FAILURE -> downstream.completeExceptionally(FAILURE_EXCEPTION);
            default -> downstream.completeExceptionally(IGNORED_EXCEPTION);
        }
        return "reported";
    }

    /** Thrown by a downstream when the breaker should ignore the call. */
    static final class IgnoredException extends RuntimeException {
        IgnoredException() {
            super("ignored", null, false, false);
        }
    }
}
