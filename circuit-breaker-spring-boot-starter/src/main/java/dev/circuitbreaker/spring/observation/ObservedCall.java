package dev.circuitbreaker.spring.observation;

import dev.circuitbreaker.BulkheadFullException;
import dev.circuitbreaker.CallResult;
import dev.circuitbreaker.CircuitBreaker;
import dev.circuitbreaker.CircuitBreakerOpenException;
import dev.circuitbreaker.CircuitState;
import dev.circuitbreaker.spring.aop.CallObserver;
import io.micrometer.observation.Observation;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One observed call: stopped exactly once with the call's outcome, the {@code outcome} key being {@code success},
 * {@code failure} (the observation's error is then set), {@code ignored}, {@code not_permitted} or
 * {@code bulkhead_full}. A rejection also sets {@code state} to the state that rejected the call. Thread-safe for one
 * stop; later stops do nothing.
 */
final class ObservedCall implements CallObserver.Observed {

    static final String NAME_KEY = "name";
    static final String STATE_KEY = "state";
    static final String OUTCOME_KEY = "outcome";

    private final CircuitBreaker breaker;
    private final Observation observation;
    private final AtomicBoolean stopped = new AtomicBoolean();

    ObservedCall(CircuitBreaker breaker, Observation observation) {
        this.breaker = breaker;
        this.observation = observation;
    }

    @Override
    public Object observation() {
        return observation;
    }

    @Override
    public CallObserver.Scope openScope() {
        Observation.Scope scope = observation.openScope();
        return scope::close;
    }

    @Override
    public void stop(Throwable error) {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        String outcome;
        if (error instanceof CircuitBreakerOpenException open && open.breakerName().equals(breaker.name())) {
            outcome = "not_permitted";
            observation.lowCardinalityKeyValue(STATE_KEY, tag(open.state()));
        } else if (error instanceof BulkheadFullException full && full.breakerName().equals(breaker.name())) {
            outcome = "bulkhead_full";
        } else {
            CallResult.Outcome counted = breaker.classify(error);
            outcome = counted.name().toLowerCase(Locale.ROOT);
            if (counted == CallResult.Outcome.FAILURE) {
                observation.error(error);
            }
        }
        observation.lowCardinalityKeyValue(OUTCOME_KEY, outcome).stop();
    }

    @Override
    public void cancelled() {
        if (stopped.compareAndSet(false, true)) {
            observation.lowCardinalityKeyValue(OUTCOME_KEY, "ignored").stop();
        }
    }

    static String tag(CircuitState state) {
        return state.name().toLowerCase(Locale.ROOT);
    }
}
