package dev.circuitbreaker.spring.aop;

import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import org.springframework.core.KotlinDetector;
import org.springframework.util.ClassUtils;

/**
 * Chooses the {@link CallStrategy} of an annotated method by its return type, once, at startup; and refuses a
 * return type whose outcome comes after the method returned in a way the breaker cannot observe, so that such a
 * method fails startup instead of being silently unguarded (its "call" would be only the creation of the result).
 */
final class ReturnTypes {

    /** Present when Spring AOP can hand a Kotlin {@code suspend} function to advice as a publisher. */
    private static final String COROUTINES_REACTOR = "kotlinx.coroutines.reactor.MonoKt";

    /** Types whose outcome the breaker cannot observe, by the name of the type or a supertype, and why. */
    private static final List<String[]> UNOBSERVABLE = List.of(
            new String[] {"java.util.stream.BaseStream", "a stream runs while the caller consumes it, after the method"
                    + " returned; return a List or a Flux instead"},
            new String[] {"java.util.concurrent.Callable", "Spring MVC runs a Callable after the method returned;"
                    + " put the annotation on the code the Callable calls"},
            new String[] {"org.springframework.web.context.request.async.DeferredResult", "a DeferredResult is"
                    + " completed after the method returned; guard the code that completes it"},
            new String[] {"org.springframework.web.context.request.async.WebAsyncTask", "Spring MVC runs a"
                    + " WebAsyncTask after the method returned; put the annotation on the code it calls"},
            new String[] {"org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter", "an emitter"
                    + " sends after the method returned; guard the code that sends"});

    /** Reactive types that need Reactor (and, for most, an adapter in Spring's registry) to be observed. */
    private static final List<String> REACTIVE = List.of("org.reactivestreams.Publisher",
            "java.util.concurrent.Flow$Publisher", "kotlinx.coroutines.flow.Flow", "kotlinx.coroutines.Deferred");
    private static final List<String> REACTIVE_PACKAGES = List.of("reactor.core.publisher.", "io.reactivex.",
            "io.smallrye.mutiny.", "kotlinx.coroutines.");

    private ReturnTypes() {
    }

    /**
     * The strategy for {@code method}.
     *
     * @param reactive reactive support, {@code null} when Reactor is not on the class path
     * @throws InvalidCircuitBreakerAnnotationException naming the method and its return type if the breaker cannot
     *     observe the outcome of its calls
     */
    static CallStrategy strategy(String beanName, Method method, String fallbackName, ReactiveMethods reactive) {
        Class<?> type = method.getReturnType();
        if (KotlinDetector.isSuspendingFunction(method)) {
            if (reactive == null || !ClassUtils.isPresent(COROUTINES_REACTOR, ReturnTypes.class.getClassLoader())) {
                throw invalid(beanName, method, fallbackName, "a Kotlin suspend function is guarded only with"
                        + " reactor-core and kotlinx-coroutines-reactor on the class path (Spring AOP hands it to"
                        + " advice as a Mono with them); add both");
            }
            return reactive.forSuspendFunction(method);
        }
        if (CompletionStage.class.isAssignableFrom(type)) {
            if (type == CompletionStage.class || type == CompletableFuture.class) {
                return CompletionStageCalls.INSTANCE;
            }
            throw invalid(beanName, method, fallbackName, "the breaker returns its own CompletableFuture, which is"
                    + " not a " + type.getName() + "; declare CompletionStage or CompletableFuture as the return type");
        }
        if (Future.class.isAssignableFrom(type)) {
            throw invalid(beanName, method, fallbackName, "the return type " + type.getName() + " is a Future that is"
                    + " not a CompletionStage: its outcome comes after the method returned and the breaker cannot"
                    + " observe it; return a CompletableFuture or CompletionStage instead");
        }
        CallStrategy strategy = reactive != null ? reactive.forReturnType(method) : null;
        if (strategy != null) {
            return strategy;
        }
        if (isReactive(type)) {
            throw invalid(beanName, method, fallbackName, "the return type " + type.getName() + " is reactive: its"
                    + " outcome comes at subscription, which the breaker observes only "
                    + (reactive == null ? "with reactor-core on the class path; add it"
                            : "for the types of Spring's ReactiveAdapterRegistry, which has no adapter for it"));
        }
        for (String[] unobservable : UNOBSERVABLE) {
            if (isA(type, unobservable[0])) {
                throw invalid(beanName, method, fallbackName, "the breaker cannot observe the outcome of a "
                        + type.getName() + ": " + unobservable[1]);
            }
        }
        return SyncCalls.INSTANCE;
    }

    private static boolean isReactive(Class<?> type) {
        for (String name : REACTIVE) {
            if (isA(type, name)) {
                return true;
            }
        }
        for (String prefix : REACTIVE_PACKAGES) {
            if (type.getName().startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code type} is or extends the type called {@code name}; by name, as the type may be absent. */
    private static boolean isA(Class<?> type, String name) {
        if (type == null || type.isPrimitive()) {
            return false;
        }
        if (type.getName().equals(name)) {
            return true;
        }
        for (Class<?> implemented : type.getInterfaces()) {
            if (isA(implemented, name)) {
                return true;
            }
        }
        return isA(type.getSuperclass(), name);
    }

    private static InvalidCircuitBreakerAnnotationException invalid(String beanName, Method method, String fallbackName,
            String problem) {
        return new InvalidCircuitBreakerAnnotationException(beanName, FallbackMethod.describe(method), fallbackName,
                null, problem);
    }
}
