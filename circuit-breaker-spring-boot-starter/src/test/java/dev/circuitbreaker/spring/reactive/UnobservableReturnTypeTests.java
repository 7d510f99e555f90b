package dev.circuitbreaker.spring.reactive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.circuitbreaker.spring.CircuitBreaker;
import dev.circuitbreaker.spring.StarterContext;
import dev.circuitbreaker.spring.aop.InvalidCircuitBreakerAnnotationException;
import dev.circuitbreaker.spring.aop.ReactiveMethods;
import io.reactivex.rxjava3.core.Flowable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A {@code @CircuitBreaker} method whose outcome the breaker cannot observe fails startup, naming the method and its
 * return type, instead of being silently unguarded (its "call" would be only the creation of what it returns).
 */
class UnobservableReturnTypeTests {

    @Test
    void aFutureThatIsNotACompletionStageFailsStartup() {
        StarterContext.runner().withUserConfiguration(FutureConfig.class).run(context ->
                assertThat(failure(context)).hasMessageContaining("bean 'futures'")
                        .hasMessageContaining("Futures.charge(String)")
                        .hasMessageContaining("java.util.concurrent.Future is a Future that is not a CompletionStage")
                        .hasMessageContaining("return a CompletableFuture or CompletionStage instead"));
    }

    @Test
    void aFutureSubtypeFailsStartupToo() {
        StarterContext.runner().withUserConfiguration(FutureTaskConfig.class).run(context ->
                assertThat(failure(context)).hasMessageContaining("FutureTasks.charge()")
                        .hasMessageContaining("java.util.concurrent.FutureTask"));
    }

    @Test
    void aCompletableFutureSubclassFailsStartupBecauseTheBreakerReturnsAPlainOne() {
        StarterContext.runner().withUserConfiguration(OwnFutureConfig.class).run(context ->
                assertThat(failure(context)).hasMessageContaining("OwnFutures.charge()")
                        .hasMessageContaining("declare CompletionStage or CompletableFuture as the return type"));
    }

    @Test
    void aStreamFailsStartup() {
        StarterContext.runner().withUserConfiguration(StreamConfig.class).run(context ->
                assertThat(failure(context)).hasMessageContaining("Streams.lines()")
                        .hasMessageContaining("java.util.stream.Stream")
                        .hasMessageContaining("return a List or a Flux instead"));
    }

    @Test
    void withoutReactorAReactiveReturnTypeFailsStartupAskingForReactor() {
        StarterContext.runner().withClassLoader(new FilteredClassLoader("reactor.core"))
                .withUserConfiguration(PublisherConfig.class).run(context ->
                        assertThat(failure(context)).hasMessageContaining("Publishers.statement()")
                                .hasMessageContaining("org.reactivestreams.Publisher is reactive")
                                .hasMessageContaining("only with reactor-core on the class path; add it"));
        StarterContext.runner().withClassLoader(new FilteredClassLoader("reactor.core"))
                .withUserConfiguration(FlowableConfig.class).run(context ->
                        assertThat(failure(context)).hasMessageContaining("io.reactivex.rxjava3.core.Flowable is reactive"));
    }

    @Test
    void theReactiveSupportIsThereExactlyWhenReactorIs() {
        StarterContext.runner().run(context -> assertThat(context).hasSingleBean(ReactiveMethods.class));
        StarterContext.runner().withClassLoader(new FilteredClassLoader("reactor.core"))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ReactiveMethods.class));
    }

    @Test
    void withReactorTheSameReactiveReturnTypesAreGuarded() {
        StarterContext.runner().withUserConfiguration(PublisherConfig.class, FlowableConfig.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(ReactiveMethods.class);
        });
    }

    private static InvalidCircuitBreakerAnnotationException failure(AssertableApplicationContext context) {
        assertThat(context).hasFailed();
        for (Throwable t = context.getStartupFailure(); t != null; t = t.getCause()) {
            if (t instanceof InvalidCircuitBreakerAnnotationException e) {
                return e;
            }
        }
        throw new AssertionError("no InvalidCircuitBreakerAnnotationException in", context.getStartupFailure());
    }

    public static class Futures {
        @CircuitBreaker(name = "futures")
        public Future<String> charge(String txn) {
            return CompletableFuture.completedFuture(txn);
        }
    }

    public static class FutureTasks {
        @CircuitBreaker(name = "futureTasks")
        public FutureTask<String> charge() {
            return new FutureTask<>(() -> "x");
        }
    }

    public static class OwnFuture<T> extends CompletableFuture<T> {
    }

    public static class OwnFutures {
        @CircuitBreaker(name = "ownFutures")
        public OwnFuture<String> charge() {
            return new OwnFuture<>();
        }
    }

    public static class Streams {
        @CircuitBreaker(name = "streams")
        public Stream<String> lines() {
            return Stream.of("a");
        }
    }

    public static class Publishers {
        @CircuitBreaker(name = "publishers")
        public Publisher<String> statement() {
            return subscriber -> { };
        }
    }

    public static class Flowables {
        @CircuitBreaker(name = "flowables")
        public Flowable<String> statement() {
            return Flowable.just("a");
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class FutureConfig {
        @Bean
        Futures futures() {
            return new Futures();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class FutureTaskConfig {
        @Bean
        FutureTasks futureTasks() {
            return new FutureTasks();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnFutureConfig {
        @Bean
        OwnFutures ownFutures() {
            return new OwnFutures();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class StreamConfig {
        @Bean
        Streams streams() {
            return new Streams();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class PublisherConfig {
        @Bean
        Publishers publishers() {
            return new Publishers();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class FlowableConfig {
        @Bean
        Flowables flowables() {
            return new Flowables();
        }
    }
}
