package dev.circuitbreaker.spring.aop;

import java.lang.reflect.Method;
import java.util.List;
import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.ReflectionHints;
import org.springframework.beans.factory.aot.BeanRegistrationAotContribution;
import org.springframework.beans.factory.aot.BeanRegistrationAotProcessor;
import org.springframework.beans.factory.support.RegisteredBean;

/**
 * Native-image hints for every bean with {@code @CircuitBreaker} methods, found while Spring AOT processes the
 * application ({@code process-aot}): the advice calls the guarded method and its fallback overloads through
 * reflection, and a native image can invoke only methods registered for it. Registered in
 * {@code META-INF/spring/aot.factories}. An invalid fallback fails the AOT build with the same message it gives at
 * startup.
 *
 * <p>The bean's type is what its definition declares: a {@code @Bean} method declared to return an interface hides
 * the implementation's annotations from AOT, so declare the implementation type (as Spring's own AOT advises).
 */
final class GuardedMethodsAotProcessor implements BeanRegistrationAotProcessor {

    @Override
    public BeanRegistrationAotContribution processAheadOfTime(RegisteredBean bean) {
        List<Method> invoked = CircuitBreakerMethods.reflectivelyInvokedMethods(bean.getBeanName(), bean.getBeanClass());
        if (invoked.isEmpty()) {
            return null;
        }
        return (generationContext, code) -> {
            ReflectionHints reflection = generationContext.getRuntimeHints().reflection();
            invoked.forEach(method -> reflection.registerMethod(method, ExecutableMode.INVOKE));
        };
    }
}
