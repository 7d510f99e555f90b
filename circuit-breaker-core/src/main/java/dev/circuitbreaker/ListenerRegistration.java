package dev.circuitbreaker;

/** The handle returned when a listener is added: {@link #remove()} (or {@link #close()}) unregisters it. Thread-safe. */
@FunctionalInterface
public interface ListenerRegistration extends AutoCloseable {

    /** Unregisters the listener; calling it again does nothing. */
    void remove();

    /** Same as {@link #remove()}, for try-with-resources. */
    @Override
    default void close() {
        remove();
    }
}
