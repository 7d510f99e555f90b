package dev.circuitbreaker.spring.aop;

import dev.circuitbreaker.CircuitBreaker;
import dev.circuitbreaker.RegistryListener;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import org.springframework.aop.TargetClassAware;
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
public final class CircuitBreakerMethods implements RegistryListener {

    private final Function<String, CircuitBreaker> breakers;
    /** Guarding of reactive return types; {@code null} without Reactor. */
    private final ReactiveMethods reactive;
    /** Observes each call; {@code null} when calls are not observed. */
    private final CallObserver observer;
    /** The resolved methods by breaker name, told when the registry removes their breaker. */
    private final Map<String, Queue<GuardedMethod>> byBreakerName = new ConcurrentHashMap<>();
    private final Map<Class<?>, Map<Method, GuardedMethod>> cache = new ConcurrentHashMap<>();
    /** The per-call shortcut: by the target's own class, then by the identity of the proxy's {@code Method}. */
    private final Map<Class<?>, KnownMethods> byTargetClass = new ConcurrentHashMap<>();

    /**
     * @param breakers gives the registry's breaker for a name, creating it if needed; register this object as the
     *     registry's {@link RegistryListener} so that a breaker removed from the registry is looked up again
     */
    public CircuitBreakerMethods(Function<String, CircuitBreaker> breakers) {
        this(breakers, null, null);
    }

    /**
     * @param breakers gives the registry's breaker for a name, creating it if needed; register this object as the
     *     registry's {@link RegistryListener} so that a breaker removed from the registry is looked up again
     * @param reactive guarding of reactive return types and Kotlin {@code suspend} functions, {@code null} without
     *     Reactor on the class path (a method returning a reactive type then fails the startup check)
     * @param observer observes each call (tracing, timers), or {@code null} for none
     */
    public CircuitBreakerMethods(Function<String, CircuitBreaker> breakers, ReactiveMethods reactive,
            CallObserver observer) {
        this.breakers = breakers;
        this.reactive = reactive;
        this.observer = observer;
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
     * @param beanName the bean's name, for error messages
     * @param beanClass the bean's class (a proxy class is looked through)
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
     * The methods the advice invokes through reflection on instances of {@code beanClass}: each
     * {@code @CircuitBreaker} method, the interface methods it implements (a JDK proxy passes those), and the
     * overloads of its fallback. What a native image must be able to invoke; see {@code GuardedMethodsAotProcessor}.
     *
     * @param beanName the bean's name, for error messages
     * @param beanClass the bean's class (a proxy class is looked through)
     * @return the methods, each once; empty for a class without the annotation
     * @throws InvalidCircuitBreakerAnnotationException if a fallback cannot work
     */
    public static List<Method> reflectivelyInvokedMethods(String beanName, Class<?> beanClass) {
        if (!isCandidate(beanClass)) {
            return List.of();
        }
        Class<?> userClass = ClassUtils.getUserClass(beanClass);
        Set<Method> invoked = new LinkedHashSet<>();
        for (Method method : ReflectionUtils.getUniqueDeclaredMethods(userClass, ReflectionUtils.USER_DECLARED_METHODS)) {
            dev.circuitbreaker.spring.CircuitBreaker annotation = annotation(method, userClass);
            if (annotation == null) {
                continue;
            }
            invoked.add(method);
            for (Class<?> type : ClassUtils.getAllInterfacesForClassAsSet(userClass)) {
                Method declared = ClassUtils.getMethodIfAvailable(type, method.getName(), method.getParameterTypes());
                if (declared != null) {
                    invoked.add(declared);
                }
            }
            if (!annotation.fallback().isEmpty()) {
                invoked.addAll(FallbackMethod.resolve(beanName, userClass, method, annotation.fallback()).overloads());
            }
        }
        return List.copyOf(invoked);
    }

    /**
     * The resolved method for an intercepted call of {@code method} on {@code target}. A proxy passes the same
     * {@code Method} instance on every call, so after the first call this is one lookup by the target's class and an
     * identity match, with no class-name checks and no {@code Method.equals}.
     */
    GuardedMethod resolve(Object target, Method method) {
        if (target == null || target instanceof TargetClassAware) {
            // No target, or one whose class can change (a proxy as target): the full lookup every time.
            return resolve(method, target != null ? AopUtils.getTargetClass(target) : method.getDeclaringClass(), null);
        }
        Class<?> type = target.getClass();
        KnownMethods known = byTargetClass.get(type);
        GuardedMethod resolved = known != null ? known.find(method) : null;
        if (resolved != null) {
            return resolved;
        }
        resolved = resolve(method, AopUtils.getTargetClass(target), null);
        byTargetClass.computeIfAbsent(type, t -> new KnownMethods()).remember(method, resolved);
        return resolved;
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

    /** Annotated methods naming a removed breaker look the name up again on their next call. */
    @Override
    public void onRemoved(CircuitBreaker breaker) {
        Queue<GuardedMethod> naming = byBreakerName.get(breaker.name());
        if (naming != null) {
            naming.forEach(method -> method.forget(breaker));
        }
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
        CallStrategy strategy = ReturnTypes.strategy(beanName, specific, fallbackName, reactive);
        FallbackMethod fallback = fallbackName.isEmpty() ? null
                : FallbackMethod.resolve(beanName, userClass, specific, fallbackName);
        GuardedMethod guarded = new GuardedMethod(name, breakers, fallback, strategy, observer);
        // Listed before its first lookup, so a removal racing that lookup cannot miss it; the lookup creates the
        // breaker now, at startup for beans checked then.
        byBreakerName.computeIfAbsent(name, n -> new ConcurrentLinkedQueue<>()).add(guarded);
        guarded.breaker();
        return guarded;
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

    /**
     * The methods resolved for one target class, matched by identity; copy-on-write, and capped, so code that
     * hands a fresh copy of a {@code Method} on each call falls back to the full lookup instead of growing this.
     * Lock-free: a new entry is published by compare-and-set, so no thread (virtual or not) ever waits here.
     */
    private static final class KnownMethods {

        private static final int LIMIT = 64;
        private static final VarHandle ENTRIES;

        static {
            try {
                ENTRIES = MethodHandles.lookup().findVarHandle(KnownMethods.class, "entries", Object[].class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        /** Method, then its resolution, for each known method. */
        private volatile Object[] entries = new Object[0];

        GuardedMethod find(Method method) {
            return find(entries, method);
        }

        void remember(Method method, GuardedMethod resolved) {
            Object[] e;
            Object[] grown;
            do {
                e = entries;
                if (e.length >= 2 * LIMIT || find(e, method) != null) {
                    return;
                }
                grown = Arrays.copyOf(e, e.length + 2);
                grown[e.length] = method;
                grown[e.length + 1] = resolved;
            } while (!ENTRIES.compareAndSet(this, e, grown));
        }

        private static GuardedMethod find(Object[] e, Method method) {
            for (int i = 0; i < e.length; i += 2) {
                if (e[i] == method) {
                    return (GuardedMethod) e[i + 1];
                }
            }
            return null;
        }
    }
}
