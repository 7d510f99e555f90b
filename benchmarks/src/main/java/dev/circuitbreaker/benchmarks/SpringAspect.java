package dev.circuitbreaker.benchmarks;

import dev.circuitbreaker.spring.autoconfigure.CircuitBreakerAspectAutoConfiguration;
import dev.circuitbreaker.spring.autoconfigure.CircuitBreakerAutoConfiguration;
import dev.circuitbreaker.spring.autoconfigure.CircuitBreakerObservationAutoConfiguration;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.aop.Advisor;
import org.springframework.aop.framework.autoproxy.InfrastructureAdvisorAutoProxyCreator;
import org.springframework.aop.support.AopUtils;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;

/**
 * The Spring layer: a permitted call to an annotated bean method in a CLOSED breaker, one thread. Each subject runs
 * in its own application context (started once per trial, closed after it) that imports only the auto-configurations
 * its side needs, so neither library's auto-configuration sees the other's beans:
 * <ul>
 * <li>{@code plainBean}: the same bean method, no advice and no proxy (baseline);</li>
 * <li>{@code noopAdvice}: the same bean method behind a CGLIB proxy whose only advice is an interceptor that just
 * proceeds: what Spring's proxy costs before any aspect does anything;</li>
 * <li>{@code starter}: this project's {@code @CircuitBreaker(name = "bench")}, default config (count rule,
 * history of 100, so every call is timed);</li>
 * <li>{@code starterNoDuration}: the same with {@code history-size: 0} (nothing needs a duration);</li>
 * <li>{@code starterObserved}: {@code starter} with {@code circuitbreaker.observations.enabled=true} and an
 * {@code ObservationRegistry} whose one handler records a timer, as Spring Boot's Actuator sets it up without
 * tracing: what observing each call costs ({@code starter} itself is the "off" case);</li>
 * <li>{@code resilience4j}: resilience4j-spring-boot3's {@code @CircuitBreaker(name = "bench")}, its default
 * config (count-based window of 100), through its {@code @Aspect} and Spring's AspectJ auto-proxying.</li>
 * </ul>
 * Both aspects proxy the bean class with CGLIB (the beans have no interface). The bean method returns a field.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
// 8 warm-up seconds, not 4: resilience4j's aspect is still at 2-28 us/op after 2-3 s here, and settles after about 6.
@Warmup(iterations = 8, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@Threads(1)
public class SpringAspect {

    /** The breaker name on both annotations and in both libraries' properties. */
    static final String NAME = "bench";

    @Benchmark
    public String plainBean(PlainContext context) {
        return context.bean.call();
    }

    @Benchmark
    public String noopAdvice(NoopAdviceContext context) {
        return context.bean.call();
    }

    @Benchmark
    public String starter(StarterContext context) {
        return context.bean.call();
    }

    @Benchmark
    public String starterNoDuration(StarterNoDurationContext context) {
        return context.bean.call();
    }

    @Benchmark
    public String starterObserved(StarterObservedContext context) {
        return context.bean.call();
    }

    @Benchmark
    public String resilience4j(Resilience4jContext context) {
        return context.bean.call();
    }

    // ---- the beans ------------------------------------------------------------------------------------------------

    /** No annotation: the baseline. */
    public static class PlainService {
        private final Callee.Payload payload = new Callee.Payload();

        public String call() {
            return payload.payload;
        }
    }

    /** Marks the method {@link NoopAdviceApplication}'s do-nothing interceptor advises. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    public @interface Noop {
    }

    public static class NoopService {
        private final Callee.Payload payload = new Callee.Payload();

        @Noop
        public String call() {
            return payload.payload;
        }
    }

    public static class StarterService {
        private final Callee.Payload payload = new Callee.Payload();

        @dev.circuitbreaker.spring.CircuitBreaker(name = NAME)
        public String call() {
            return payload.payload;
        }
    }

    public static class Resilience4jService {
        private final Callee.Payload payload = new Callee.Payload();

        @io.github.resilience4j.circuitbreaker.annotation.CircuitBreaker(name = NAME)
        public String call() {
            return payload.payload;
        }
    }

    // ---- one context per subject -----------------------------------------------------------------------------------

    @Configuration(proxyBeanMethods = false)
    static class PlainApplication {
        @Bean
        PlainService service() {
            return new PlainService();
        }
    }

    /** A do-nothing advice through the same kind of auto-proxy creator as this starter registers. */
    @Configuration(proxyBeanMethods = false)
    static class NoopAdviceApplication {
        @Bean
        static InfrastructureAdvisorAutoProxyCreator autoProxyCreator() {
            return new InfrastructureAdvisorAutoProxyCreator();
        }

        @Bean
        @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
        static Advisor noopAdvisor() {
            return new DefaultPointcutAdvisor(AnnotationMatchingPointcut.forMethodAnnotation(Noop.class),
                    (MethodInterceptor) MethodInvocation::proceed);
        }

        @Bean
        NoopService service() {
            return new NoopService();
        }
    }

    /** This starter only: its breakers and its aspect (the aspect registers its own auto-proxy creator). */
    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({CircuitBreakerAutoConfiguration.class, CircuitBreakerAspectAutoConfiguration.class})
    static class StarterApplication {
        @Bean
        StarterService service() {
            return new StarterService();
        }
    }

    /** This starter with observations on, reported to a registry that records a timer per call. */
    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({CircuitBreakerAutoConfiguration.class, CircuitBreakerAspectAutoConfiguration.class,
            CircuitBreakerObservationAutoConfiguration.class})
    static class StarterObservedApplication {
        @Bean
        StarterService service() {
            return new StarterService();
        }

        @Bean
        ObservationRegistry observationRegistry() {
            ObservationRegistry registry = ObservationRegistry.create();
            registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(new SimpleMeterRegistry()));
            return registry;
        }
    }

    /** resilience4j-spring-boot3's circuit breaker only, with Spring Boot's AOP auto-configuration for its aspect. */
    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({AopAutoConfiguration.class,
            io.github.resilience4j.springboot3.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration.class})
    static class Resilience4jApplication {
        @Bean
        Resilience4jService service() {
            return new Resilience4jService();
        }
    }

    static ConfigurableApplicationContext start(Class<?> application, Map<String, Object> properties) {
        Map<String, Object> all = new LinkedHashMap<>(properties);
        all.put("spring.main.banner-mode", "off");
        all.put("spring.main.log-startup-info", "false");
        all.put("logging.level.root", "WARN");
        return new SpringApplicationBuilder(application).web(WebApplicationType.NONE).properties(all).run();
    }

    static <T> T bean(ConfigurableApplicationContext context, Class<T> type, boolean proxied) {
        T bean = context.getBean(type);
        if (AopUtils.isAopProxy(bean) != proxied) {
            throw new IllegalStateException(type.getSimpleName() + (proxied ? " is not" : " is") + " proxied");
        }
        return bean;
    }

    @State(Scope.Benchmark)
    public static class PlainContext {
        ConfigurableApplicationContext context;
        PlainService bean;

        @Setup(Level.Trial)
        public void start() {
            context = SpringAspect.start(PlainApplication.class, Map.of());
            bean = bean(context, PlainService.class, false);
        }

        @TearDown(Level.Trial)
        public void close() {
            context.close();
        }
    }

    @State(Scope.Benchmark)
    public static class NoopAdviceContext {
        ConfigurableApplicationContext context;
        NoopService bean;

        @Setup(Level.Trial)
        public void start() {
            context = SpringAspect.start(NoopAdviceApplication.class, Map.of());
            bean = bean(context, NoopService.class, true);
        }

        @TearDown(Level.Trial)
        public void close() {
            context.close();
        }
    }

    /** Our default config for the breaker: count rule, history of 100. */
    @State(Scope.Benchmark)
    public static class StarterContext {
        ConfigurableApplicationContext context;
        StarterService bean;

        @Setup(Level.Trial)
        public void start() {
            context = SpringAspect.start(application(), properties());
            bean = bean(context, StarterService.class, true);
            check(bean, context, historySize());
        }

        Class<?> application() {
            return StarterApplication.class;
        }

        int historySize() {
            return 100;
        }

        Map<String, Object> properties() {
            return Map.of("circuitbreaker.instances." + NAME + ".sliding-window-type", "count-based");
        }

        @TearDown(Level.Trial)
        public void close() {
            context.close();
        }
    }

    /** Nothing needs a duration: no slow-call rule (off by default), no history. */
    @State(Scope.Benchmark)
    public static class StarterNoDurationContext extends StarterContext {
        @Override
        int historySize() {
            return 0;
        }

        @Override
        Map<String, Object> properties() {
            return Map.of("circuitbreaker.instances." + NAME + ".sliding-window-type", "count-based",
                    "circuitbreaker.instances." + NAME + ".history-size", "0");
        }
    }

    /** The default config with each call observed. */
    @State(Scope.Benchmark)
    public static class StarterObservedContext extends StarterContext {
        @Override
        Class<?> application() {
            return StarterObservedApplication.class;
        }

        @Override
        Map<String, Object> properties() {
            return Map.of("circuitbreaker.instances." + NAME + ".sliding-window-type", "count-based",
                    "circuitbreaker.observations.enabled", "true");
        }
    }

    /** Resilience4j's default config for the breaker: count-based window of 100, failure rate 50 %. */
    @State(Scope.Benchmark)
    public static class Resilience4jContext {
        ConfigurableApplicationContext context;
        Resilience4jService bean;

        @Setup(Level.Trial)
        public void start() {
            context = SpringAspect.start(Resilience4jApplication.class,
                    Map.of("resilience4j.circuitbreaker.instances." + NAME + ".sliding-window-type", "COUNT_BASED"));
            bean = bean(context, Resilience4jService.class, true);
            bean.call();
            io.github.resilience4j.circuitbreaker.CircuitBreaker breaker = context
                    .getBean(io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry.class).circuitBreaker(NAME);
            if (breaker.getMetrics().getNumberOfSuccessfulCalls() != 1
                    || breaker.getState() != io.github.resilience4j.circuitbreaker.CircuitBreaker.State.CLOSED) {
                throw new IllegalStateException("the Resilience4j aspect did not record the call: " + breaker.getMetrics());
            }
            breaker.reset();
        }

        @TearDown(Level.Trial)
        public void close() {
            context.close();
        }
    }

    /** The breaker "bench" has the expected config, one call goes through it and is recorded, and it is CLOSED. */
    static void check(StarterService bean, ConfigurableApplicationContext context, int historySize) {
        dev.circuitbreaker.CircuitBreaker breaker = context.getBean(dev.circuitbreaker.CircuitBreakerRegistry.class)
                .find(NAME).orElseThrow(() -> new IllegalStateException("no breaker " + NAME));
        if (breaker.config().historySize() != historySize || breaker.config().slowCallDurationThreshold() != null) {
            throw new IllegalStateException("unexpected config of " + NAME + ": " + breaker.config());
        }
        long before = breaker.stats().successfulCalls();
        bean.call();
        if (breaker.stats().successfulCalls() != before + 1 || breaker.state() != dev.circuitbreaker.CircuitState.CLOSED) {
            throw new IllegalStateException("the starter's aspect did not record the call: " + breaker.stats());
        }
    }
}
