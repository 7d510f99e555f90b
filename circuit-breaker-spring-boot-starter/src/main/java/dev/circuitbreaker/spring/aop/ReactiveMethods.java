package dev.circuitbreaker.spring.aop;

import java.lang.reflect.Method;
import java.util.Objects;
import org.reactivestreams.Publisher;
import org.springframework.core.MethodParameter;
import org.springframework.core.ReactiveAdapter;
import org.springframework.core.ReactiveAdapterRegistry;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Guarding of reactive return types, available when Reactor is on the class path (the starter declares it then):
 * {@code Mono} and {@code Flux}, every other type that a {@link ReactiveAdapterRegistry} knows (RxJava 3, the JDK's
 * {@code Flow.Publisher}, Kotlin's {@code Flow} and {@code Deferred} with kotlinx-coroutines-reactor, ...) and Kotlin
 * {@code suspend} functions are guarded per subscription (see {@code ReactiveCalls}). Without it, a method returning
 * a reactive type fails the startup check instead of being silently unguarded. Immutable and thread-safe.
 */
public final class ReactiveMethods {

    private static final String KOTLIN_FLOW = "kotlinx.coroutines.flow.Flow";

    private final ReactiveAdapterRegistry adapters;

    /** With Spring's shared {@link ReactiveAdapterRegistry}, as Spring's own reactive support uses. */
    public ReactiveMethods() {
        this(ReactiveAdapterRegistry.getSharedInstance());
    }

    /**
     * @param adapters the adapters for types other than {@code Mono} and {@code Flux}
     * @throws NullPointerException if {@code adapters} is null
     */
    public ReactiveMethods(ReactiveAdapterRegistry adapters) {
        this.adapters = Objects.requireNonNull(adapters, "adapters");
    }

    /** The strategy for a method returning a reactive type, or {@code null} if its type is not a reactive one. */
    CallStrategy forReturnType(Method method) {
        Class<?> type = method.getReturnType();
        if (type == Mono.class) {
            return new ReactiveCalls(null, true);
        }
        if (type == Flux.class) {
            return new ReactiveCalls(null, false);
        }
        ReactiveAdapter adapter = adapters.getAdapter(type);
        return adapter == null ? null : new ReactiveCalls(adapter, !adapter.isMultiValue());
    }

    /**
     * The strategy for a Kotlin {@code suspend} function, which Spring AOP hands to advice as a {@code Flux} when it
     * returns a {@code Flow} (or a publisher of many values) and as a {@code Mono} otherwise.
     */
    CallStrategy forSuspendFunction(Method method) {
        Class<?> returned = new MethodParameter(method, -1).getParameterType();
        boolean many = KOTLIN_FLOW.equals(returned.getName())
                || Publisher.class.isAssignableFrom(returned) && !Mono.class.isAssignableFrom(returned);
        return new ReactiveCalls(null, !many);
    }
}
