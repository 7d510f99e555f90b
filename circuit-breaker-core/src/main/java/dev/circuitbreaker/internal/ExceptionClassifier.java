package dev.circuitbreaker.internal;

import dev.circuitbreaker.CircuitBreakerConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Decides once per exception class whether a throwable is ignored, a success, or a failure of which category, and
 * caches the answer per class (so classifying allocates nothing). Thread-safe.
 */
public final class ExceptionClassifier {

    /** Ignored: counts as neither success nor failure. */
    public static final int IGNORED = -2;
    /** Not a recorded exception: the downstream answered, so the call counts as a success. */
    public static final int SUCCESS = -1;

    private final Set<Class<? extends Throwable>> record = new java.util.LinkedHashSet<>();
    private final Set<Class<? extends Throwable>> ignore;
    private final Map<Class<?>, Integer> categories = new HashMap<>();
    private final ClassValue<Integer> cache = new ClassValue<>() {
        @Override
        protected Integer computeValue(Class<?> type) {
            return compute(type);
        }
    };

    public ExceptionClassifier(CircuitBreakerConfig config) {
        if (!config.recordExceptions().isEmpty()) {
            // A type given its own threshold is a failure by definition, even if recordExceptions omits it.
            record.addAll(config.recordExceptions());
            record.addAll(config.exceptionThresholds().keySet());
        }
        this.ignore = config.ignoreExceptions();
        int category = 1;
        for (Class<? extends Throwable> type : config.exceptionThresholds().keySet()) {
            categories.put(type, category++);
        }
    }

    /** Returns {@link #IGNORED}, {@link #SUCCESS}, or the failure category (0 = default count rule). */
    public int classify(Throwable error) {
        return cache.get(error.getClass());
    }

    private int compute(Class<?> type) {
        if (anyAssignableFrom(ignore, type)) {
            return IGNORED;
        }
        if (!record.isEmpty() && !anyAssignableFrom(record, type)) {
            return SUCCESS;
        }
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            Integer category = categories.get(c);
            if (category != null) {
                return category;
            }
        }
        return 0;
    }

    private static boolean anyAssignableFrom(Set<Class<? extends Throwable>> types, Class<?> type) {
        for (Class<?> candidate : types) {
            if (candidate.isAssignableFrom(type)) {
                return true;
            }
        }
        return false;
    }
}
