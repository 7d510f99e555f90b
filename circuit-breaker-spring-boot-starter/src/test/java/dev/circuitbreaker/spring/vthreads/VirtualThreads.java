package dev.circuitbreaker.spring.vthreads;

import java.lang.reflect.Method;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Java 21's virtual-thread API, reached through reflection: the starter and its tests compile for Java 17, and these
 * tests run only on a JDK that has virtual threads (21+; {@code .ci/run} uses JDK 25).
 */
final class VirtualThreads {

    private static final Method NEW_EXECUTOR = method(Executors.class, "newVirtualThreadPerTaskExecutor");
    private static final Method IS_VIRTUAL = method(Thread.class, "isVirtual");

    private VirtualThreads() {
    }

    /** A new executor that starts a virtual thread per task. */
    static ExecutorService perTaskExecutor() {
        try {
            return (ExecutorService) NEW_EXECUTOR.invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("virtual threads need Java 21 or later", e);
        }
    }

    /** Whether {@code thread} is a virtual thread. */
    static boolean isVirtual(Thread thread) {
        try {
            return (boolean) IS_VIRTUAL.invoke(thread);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("virtual threads need Java 21 or later", e);
        }
    }

    private static Method method(Class<?> type, String name) {
        try {
            return type.getMethod(name);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }
}
