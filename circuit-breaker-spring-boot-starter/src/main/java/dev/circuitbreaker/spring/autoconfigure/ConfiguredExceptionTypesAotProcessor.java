package dev.circuitbreaker.spring.autoconfigure;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.aot.hint.ReflectionHints;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * Native-image hints for the exception types named in {@code circuitbreaker.*} ({@code record-exceptions},
 * {@code ignore-exceptions}, {@code exception-thresholds}), read from the configuration Spring AOT processes the
 * application with. Binding turns each name into a class with {@code Class.forName}, which in a native image finds
 * only registered types. Types named only in configuration added after the build (an environment variable, a config
 * server) are not known here: register those with {@code @RegisterReflection} or a {@code RuntimeHintsRegistrar}.
 * Registered in {@code META-INF/spring/aot.factories}.
 */
final class ConfiguredExceptionTypesAotProcessor implements BeanFactoryInitializationAotProcessor {

    @Override
    public BeanFactoryInitializationAotContribution processAheadOfTime(ConfigurableListableBeanFactory beanFactory) {
        if (!beanFactory.containsBean(ConfigurableApplicationContext.ENVIRONMENT_BEAN_NAME)) {
            return null;
        }
        Set<Class<?>> types = exceptionTypes(Binder.get(beanFactory.getBean(
                ConfigurableApplicationContext.ENVIRONMENT_BEAN_NAME, Environment.class)));
        if (types.isEmpty()) {
            return null;
        }
        return (generationContext, code) -> {
            ReflectionHints reflection = generationContext.getRuntimeHints().reflection();
            types.forEach(reflection::registerType);
        };
    }

    /** The exception types of {@code circuitbreaker.defaults} and every {@code circuitbreaker.instances.<name>}. */
    static Set<Class<?>> exceptionTypes(Binder binder) {
        Set<Class<?>> types = new LinkedHashSet<>();
        binder.bind("circuitbreaker.defaults", InstanceProperties.class).ifBound(p -> addExceptionTypes(p, types));
        binder.bind("circuitbreaker.instances", Bindable.mapOf(String.class, InstanceProperties.class))
                .ifBound(instances -> instances.values().forEach(p -> addExceptionTypes(p, types)));
        return types;
    }

    private static void addExceptionTypes(InstanceProperties properties, Set<Class<?>> types) {
        if (properties.getRecordExceptions() != null) {
            types.addAll(properties.getRecordExceptions());
        }
        if (properties.getIgnoreExceptions() != null) {
            types.addAll(properties.getIgnoreExceptions());
        }
        Map<Class<? extends Throwable>, Integer> thresholds = properties.getExceptionThresholds();
        if (thresholds != null) {
            types.addAll(thresholds.keySet());
        }
    }
}
