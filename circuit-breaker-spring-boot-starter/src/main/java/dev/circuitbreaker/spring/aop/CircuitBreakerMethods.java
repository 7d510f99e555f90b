package dev.circuitbreaker.spring.aop;

import dev.circuitbreaker.CircuitBreaker;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.springframework.aop.support.AopUtils;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Finds {@link dev.circuitbreaker.spring.CircuitBreaker @CircuitBreaker} methods and resolves each one's breaker
 * and fallback once, caching the result per bean class and method. A method's own annotation wins over its
 * class's; a class annotation covers the class's public instance methods. Thread-safe.
 */
public final class CircuitBreakerMethods {

    private final Function<String, CircuitBreaker> breakers;
    private final Map<Class<?>, Map<Method, GuardedMethod>> cache = new ConcurrentHashMap<>();

    /** @param breakers gives the breaker for a name, creating it if needed */
    public CircuitBreakerMethods(Function<String, CircuitBreaker> breakers) {
        this.breakers = breakers;
    }

    /** The annotation that applies to {@code method} called on an instance of {@code targetClass}, or {@code null}. */
    static dev.circuitbreaker.spring.CircuitBreaker annotation(Method method, Class<?> targetClass) {
        Class<?> userClass = targetClass != null ? ClassUtils.getUserClass(targetClass) : method.getDeclaringClass();
        Method specific = AopUtils.getMostSpecificMethod(method, userClass);
        dev.circuitbreaker.spring.CircuitBreaker onMethod =
                AnnotatedElementUtils.findMergedAnnotation(specific, dev.circuitbreaker.spring.CircuitBreaker.class);
        if (onMethod != null) {
            return onMethod;
        }
        int modifiers = specific.getModifiers();
        if (!Modifier.isPublic(modifiers) || Modifier.isStatic(modifiers) || isObjectMethod(specific)) {
            return null;
        }
        return AnnotatedElementUtils.findMergedAnnotation(userClass, dev.circuitbreaker.spring.CircuitBreaker.class);
    }

    /** {@code equals}, {@code hashCode} and {@code toString} are not remote calls, even when a class overrides them. */
    private static boolean isObjectMethod(Method method) {
        return method.getDeclaringClass() == Object.class || ReflectionUtils.isEqualsMethod(method)
                || ReflectionUtils.isHashCodeMethod(method) || ReflectionUtils.isToStringMethod(method);
    }

    /** Whether {@code type} has the annotation on itself or on any method: a cheap filter before method matching. */
    static boolean isCandidate(Class<?> type) {
        Class<?> userClass = ClassUtils.getUserClass(type);
        if (!AnnotationUtils.isCandidateClass(userClass, dev.circuitbreaker.spring.CircuitBreaker.class)) {
            return false;
        }
        if (AnnotatedElementUtils.hasAnnotation(userClass, dev.circuitbreaker.spring.CircuitBreaker.class)) {
            return true;
        }
        for (Method method : ReflectionUtils.getUniqueDeclaredMethods(userClass, ReflectionUtils.USER_DECLARED_METHODS)) {
            if (AnnotatedElementUtils.hasAnnotation(method, dev.circuitbreaker.spring.CircuitBreaker.class)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Resolves every annotated method of a bean: its breaker is created and its fallback checked.
     *
     * @return the breakers' names, one per annotated method
     * @throws InvalidCircuitBreakerAnnotationException for the first annotation that cannot work
     */
    public List<String> check(String beanName, Class<?> beanClass) {
        List<String> names = new ArrayList<>();
        if (!isCandidate(beanClass)) {
            return names;
        }
        Class<?> userClass = ClassUtils.getUserClass(beanClass);
        for (Method method : ReflectionUtils.getUniqueDeclaredMethods(userClass, ReflectionUtils.USER_DECLARED_METHODS)) {
            if (AnnotatedElementUtils.hasAnnotation(method, dev.circuitbreaker.spring.CircuitBreaker.class)) {
                checkInterceptable(beanName, method);
            }
            if (annotation(method, userClass) != null) {
                names.add(resolve(method, userClass, beanName).breaker().name());
            }
        }
        return names;
    }

    /**
     * The resolved method, from the cache after the first time. A hit is two plain lookups: the creating lambda
     * below captures three values, so calling {@code computeIfAbsent} on every call allocated it every time (24 B).
     */
    GuardedMethod resolve(Method method, Class<?> targetClass, String beanName) {
        Class<?> userClass = ClassUtils.getUserClass(targetClass);
        Map<Method, GuardedMethod> methods = cache.get(userClass);
        GuardedMethod resolved = methods != null ? methods.get(method) : null;
        if (resolved != null) {
            return resolved;
        }
        return cache.computeIfAbsent(userClass, c -> new ConcurrentHashMap<>())
                .computeIfAbsent(method, m -> create(m, userClass, beanName));
    }

    private GuardedMethod create(Method method, Class<?> userClass, String beanName) {
        Method specific = AopUtils.getMostSpecificMethod(method, userClass);
        dev.circuitbreaker.spring.CircuitBreaker annotation = annotation(specific, userClass);
        if (annotation == null) {
            throw new IllegalStateException(FallbackMethod.describe(specific) + " has no @CircuitBreaker");
        }
        String name = annotation.name();
        String fallbackName = annotation.fallback();
        if (name.isBlank()) {
            throw new InvalidCircuitBreakerAnnotationException(beanName, FallbackMethod.describe(specific), fallbackName,
                    null, "the breaker name is blank; name one of circuitbreaker.instances or any other name");
        }
        FallbackMethod fallback = fallbackName.isEmpty() ? null
                : FallbackMethod.resolve(beanName, userClass, specific, fallbackName);
        Class<?> returnType = specific.getReturnType();
        boolean async = returnType == CompletionStage.class || returnType == CompletableFuture.class;
        return new GuardedMethod(breakers.apply(name), fallback, async);
    }

    private static void checkInterceptable(String beanName, Method method) {
        int modifiers = method.getModifiers();
        String problem = Modifier.isPrivate(modifiers) ? "a private method cannot be intercepted"
                : Modifier.isStatic(modifiers) ? "a static method cannot be intercepted"
                : Modifier.isFinal(modifiers) ? "a final method cannot be intercepted by a class proxy"
                : null;
        if (problem != null) {
            dev.circuitbreaker.spring.CircuitBreaker annotation =
                    AnnotatedElementUtils.findMergedAnnotation(method, dev.circuitbreaker.spring.CircuitBreaker.class);
            throw new InvalidCircuitBreakerAnnotationException(beanName, FallbackMethod.describe(method),
                    annotation.fallback(), null, problem + "; make it public and not final, or remove the annotation");
        }
    }
}
