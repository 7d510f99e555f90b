package dev.circuitbreaker.spring.observation;

import dev.circuitbreaker.CircuitBreaker;
import dev.circuitbreaker.spring.aop.CallObserver;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

/**
 * Guarded calls as Micrometer observations named {@value #NAME}, with the low-cardinality keys {@code name} (the
 * breaker), {@code state} (lower case like the meters' tag: the state the call was admitted or rejected in) and
 * {@code outcome} ({@link ObservedCall}). Each is a child of the current observation (an
 * {@code http.server.requests}, say) unless a parent is given: a span where tracing is on, a {@code circuitbreaker.call}
 * timer where it is not. Thread-safe.
 */
public final class MicrometerCallObserver implements CallObserver {

    /** The observation's name, and so the timer's and the span's. */
    public static final String NAME = "circuitbreaker.call";

    private final ObservationRegistry registry;

    /**
     * @param registry where observations are reported
     */
    public MicrometerCallObserver(ObservationRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Observed start(CircuitBreaker breaker, Object parent) {
        Observation observation = Observation.createNotStarted(NAME, registry)
                .contextualName("circuitbreaker " + breaker.name())
                .lowCardinalityKeyValue(ObservedCall.NAME_KEY, breaker.name())
                .lowCardinalityKeyValue(ObservedCall.STATE_KEY, ObservedCall.tag(breaker.state()));
        if (parent instanceof Observation given) {
            observation.parentObservation(given);
        }
        return new ObservedCall(breaker, observation.start());
    }
}
