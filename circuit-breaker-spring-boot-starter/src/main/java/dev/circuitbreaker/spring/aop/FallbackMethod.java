package dev.circuitbreaker.spring.aop;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.core.CoroutinesUtils;
import org.springframework.core.KotlinDetector;
import org.springframework.core.MethodParameter;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * The fallback overloads of one annotated method, most specific exception type first, resolved once. The fallback of
 * a Kotlin {@code suspend} function is a {@code suspend} function too, taking the same parameters and optionally a
 * {@code Throwable} (before the {@code Continuation} Kotlin adds); it is called as Spring calls suspend functions,
 * returning a publisher. Immutable and thread-safe.
 */
final class FallbackMethod {

    private final Method[] overloads;
    /** The trailing exception parameter of each overload, {@code null} for an overload without one. */
    private final Class<?>[] exceptionTypes;
    /** The guarded method and its fallbacks are Kotlin {@code suspend} functions. */
    private final boolean suspend;

    private FallbackMethod(List<Method> sorted, int parameterCount, boolean suspend) {
        this.overloads = sorted.toArray(Method[]::new);
        this.exceptionTypes = sorted.stream().map(m -> exceptionType(m, parameterCount)).toArray(Class<?>[]::new);
        this.suspend = suspend;
    }

    /**
     * Finds the overloads of {@code name} on {@code targetClass} that can stand in for {@code method}.
     *
     * @throws InvalidCircuitBreakerAnnotationException if there is none
     */
    static FallbackMethod resolve(String beanName, Class<?> targetClass, Method method, String name) {
        boolean suspend = KotlinDetector.isSuspendingFunction(method);
        Class<?>[] params = valueParameterTypes(method);
        List<Method> named = Arrays.stream(ReflectionUtils.getUniqueDeclaredMethods(targetClass, ReflectionUtils.USER_DECLARED_METHODS))
                .filter(m -> m.getName().equals(name) && !Modifier.isStatic(m.getModifiers()))
                .toList();
        List<Method> matching = named.stream()
                .filter(m -> KotlinDetector.isSuspendingFunction(m) == suspend && parametersMatch(m, params)).toList();
        List<Method> returning = matching.stream().filter(m -> returnTypeMatches(method, m)).toList();
        if (returning.isEmpty()) {
            String problem = named.isEmpty() ? "no method '" + name + "' on " + targetClass.getName()
                    : matching.isEmpty() ? "no overload of '" + name + "' takes the parameters" + (suspend ? " as a suspend function" : "")
                            + "; found " + describe(named)
                    : "the return type of " + describe(matching) + " is not assignable to " + returnType(method).getSimpleName();
            throw new InvalidCircuitBreakerAnnotationException(beanName, describe(method), name,
                    expectedSignature(method, name), problem);
        }
        List<Method> sorted = new ArrayList<>(returning);
        sorted.sort(Comparator.comparingInt((Method m) -> depth(exceptionType(m, params.length))).reversed());
        sorted.forEach(ReflectionUtils::makeAccessible);
        return new FallbackMethod(sorted, params.length, suspend);
    }

    /** The overloads, most specific exception type first. */
    List<Method> overloads() {
        return List.of(overloads);
    }

    /** Whether an overload takes {@code error}. */
    boolean appliesTo(Throwable error) {
        return select(error) >= 0;
    }

    /**
     * Calls the most specific overload that takes {@code error} on {@code target}; rethrows {@code error} unchanged
     * if none does. An exception the fallback throws is rethrown with {@code error} added as suppressed.
     */
    Object invoke(Object target, Object[] args, Throwable error) throws Throwable {
        int i = select(error);
        if (i < 0) {
            throw error;
        }
        if (suspend) {
            // The invocation's arguments end with the caller's Continuation; Spring calls the fallback with its own.
            Object[] values = Arrays.copyOf(args, args.length - 1 + (exceptionTypes[i] != null ? 1 : 0));
            if (exceptionTypes[i] != null) {
                values[values.length - 1] = error;
            }
            return SuspendFunctions.invoke(overloads[i], target, values);
        }
        Object[] fallbackArgs = args;
        if (exceptionTypes[i] != null) {
            fallbackArgs = Arrays.copyOf(args, args.length + 1);
            fallbackArgs[args.length] = error;
        }
        try {
            return overloads[i].invoke(target, fallbackArgs);
        } catch (InvocationTargetException e) {
            throw withSuppressed(e.getTargetException(), error);
        }
    }

    static Throwable withSuppressed(Throwable thrown, Throwable original) {
        if (thrown != original) {
            thrown.addSuppressed(original);
        }
        return thrown;
    }

    static String expectedSignature(Method method, String name) {
        String ret = returnType(method).getSimpleName();
        String params = Arrays.stream(valueParameterTypes(method)).map(Class::getSimpleName).collect(Collectors.joining(", "));
        String withThrowable = params + (params.isEmpty() ? "" : ", ") + "Throwable or a subtype";
        if (KotlinDetector.isSuspendingFunction(method)) {
            return "suspend fun " + name + "(" + params + "): " + ret + " or suspend fun " + name + "(" + withThrowable
                    + "): " + ret + " on the same bean";
        }
        return ret + " " + name + "(" + params + ") or " + ret + " " + name + "(" + withThrowable + ") on the same bean";
    }

    /** {@code Type.name(ParamTypes)}; a suspend function without the {@code Continuation} Kotlin adds. */
    static String describe(Method method) {
        return method.getDeclaringClass().getSimpleName() + "." + method.getName() + "("
                + Arrays.stream(valueParameterTypes(method)).map(Class::getSimpleName).collect(Collectors.joining(", ")) + ")";
    }

    private static String describe(List<Method> methods) {
        return methods.stream().map(m -> returnType(m).getSimpleName() + " " + describe(m)).collect(Collectors.joining(", "));
    }

    /** The parameters as declared: a suspend function's without the trailing {@code Continuation}. */
    private static Class<?>[] valueParameterTypes(Method method) {
        Class<?>[] types = method.getParameterTypes();
        return KotlinDetector.isSuspendingFunction(method) ? Arrays.copyOf(types, types.length - 1) : types;
    }

    /** The return type as declared: a suspend function's Kotlin return type, not the {@code Object} of its bytecode. */
    private static Class<?> returnType(Method method) {
        return KotlinDetector.isSuspendingFunction(method) ? new MethodParameter(method, -1).getParameterType()
                : method.getReturnType();
    }

    private int select(Throwable error) {
        for (int i = 0; i < overloads.length; i++) {
            if (exceptionTypes[i] == null || exceptionTypes[i].isInstance(error)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean parametersMatch(Method candidate, Class<?>[] params) {
        Class<?>[] types = valueParameterTypes(candidate);
        if (types.length == params.length) {
            return Arrays.equals(types, params);
        }
        return types.length == params.length + 1
                && Arrays.equals(Arrays.copyOf(types, params.length), params)
                && Throwable.class.isAssignableFrom(types[params.length]);
    }

    private static boolean returnTypeMatches(Method method, Method fallback) {
        Class<?> expected = returnType(method);
        Class<?> actual = returnType(fallback);
        if (expected == void.class || actual == void.class) {
            return expected == actual;
        }
        return ClassUtils.isAssignable(expected, actual);
    }

    /** The trailing exception parameter's type, or {@code null} if the fallback takes just the method's parameters. */
    private static Class<?> exceptionType(Method fallback, int parameterCount) {
        Class<?>[] values = valueParameterTypes(fallback);
        return values.length > parameterCount ? values[parameterCount] : null;
    }

    /** Distance from {@code Object}: a subclass is deeper than its superclass; no exception parameter is -1. */
    private static int depth(Class<?> type) {
        int depth = -1;
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            depth++;
        }
        return depth;
    }

    /** Kotlin's part, loaded only for suspend functions (it refers to Kotlin and coroutine classes). */
    private static final class SuspendFunctions {

        /** Calls a suspend function as Spring AOP does, returning a {@code Mono} or a {@code Flux}. */
        static Object invoke(Method function, Object target, Object[] args) {
            return CoroutinesUtils.invokeSuspendingFunction(function, target, args);
        }
    }
}
