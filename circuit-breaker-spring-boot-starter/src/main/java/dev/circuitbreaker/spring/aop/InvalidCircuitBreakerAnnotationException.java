package dev.circuitbreaker.spring.aop;

/**
 * A {@code @CircuitBreaker} annotation that cannot work: a missing or incompatible fallback, a blank name, or a
 * method a proxy cannot intercept. Thrown at startup; the message names the bean, the method, the fallback and the
 * signature expected.
 */
public class InvalidCircuitBreakerAnnotationException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** The bean, or {@code null} if not known. */
    private final String beanName;
    /** The annotated method, as {@code Type.name(ParamTypes)}. */
    private final String method;
    /** The fallback name, empty for none. */
    private final String fallback;
    /** The fallback signatures that would work, or {@code null}. */
    private final String expectedSignature;
    /** What is wrong. */
    private final String problem;

    /**
     * @param beanName the bean, or {@code null} if not known
     * @param method the annotated method, as {@code Type.name(ParamTypes)}
     * @param fallback the fallback name, empty for none
     * @param expectedSignature the fallback signatures that would work, or {@code null} if the fallback is not the problem
     * @param problem what is wrong
     */
    public InvalidCircuitBreakerAnnotationException(String beanName, String method, String fallback,
            String expectedSignature, String problem) {
        super("Invalid @CircuitBreaker on " + (beanName != null ? "bean '" + beanName + "' " : "") + "method " + method
                + (fallback.isEmpty() ? "" : " with fallback '" + fallback + "'") + ": " + problem
                + (expectedSignature != null ? "; expected " + expectedSignature : ""));
        this.beanName = beanName;
        this.method = method;
        this.fallback = fallback;
        this.expectedSignature = expectedSignature;
        this.problem = problem;
    }

    /** {@return the bean, or {@code null} if not known} */
    public String beanName() {
        return beanName;
    }

    /** {@return the annotated method, as {@code Type.name(ParamTypes)}} */
    public String method() {
        return method;
    }

    /** {@return the fallback name, empty for none} */
    public String fallback() {
        return fallback;
    }

    /** {@return the fallback signatures that would work, or {@code null} if the fallback is not the problem} */
    public String expectedSignature() {
        return expectedSignature;
    }

    /** {@return what is wrong} */
    public String problem() {
        return problem;
    }
}
