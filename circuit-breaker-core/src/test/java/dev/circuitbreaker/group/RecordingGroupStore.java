package dev.circuitbreaker.group;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A store that only records what the core tells it; the test plays the store's part by hand. Thread-safe. */
final class RecordingGroupStore implements GroupStore {

    final List<LocalDecision> decisions = new CopyOnWriteArrayList<>();
    final List<String> threads = new CopyOnWriteArrayList<>();
    volatile SharedGroupState group;
    volatile boolean closed;
    volatile boolean detached;

    @Override
    public GroupLink attach(SharedGroupState attached) {
        group = attached;
        return new GroupLink() {
            @Override
            public void localDecision(LocalDecision decision) {
                decisions.add(decision);
                threads.add(Thread.currentThread().getName());
            }

            @Override
            public GroupStoreStatus status() {
                return new GroupStoreStatus(attached.group(), "recording", "me", true, 7, "me", GroupState.CLOSED);
            }

            @Override
            public Duration answerTimeout() {
                return Duration.ofMillis(300);
            }

            @Override
            public void close() {
                detached = true;
            }
        };
    }

    LocalDecision last() {
        return decisions.get(decisions.size() - 1);
    }

    @Override
    public void close() {
        closed = true;
    }
}
