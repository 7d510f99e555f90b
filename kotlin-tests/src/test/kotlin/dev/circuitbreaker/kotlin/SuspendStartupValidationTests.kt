package dev.circuitbreaker.kotlin

import dev.circuitbreaker.spring.CircuitBreaker
import dev.circuitbreaker.spring.aop.InvalidCircuitBreakerAnnotationException
import dev.circuitbreaker.spring.autoconfigure.CircuitBreakerAspectAutoConfiguration
import dev.circuitbreaker.spring.autoconfigure.CircuitBreakerAutoConfiguration
import java.util.concurrent.Future
import java.util.concurrent.CompletableFuture
import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.Test
import org.springframework.boot.autoconfigure.AutoConfigurations
import org.springframework.boot.test.context.FilteredClassLoader
import org.springframework.boot.test.context.runner.ApplicationContextRunner

/** Annotations on Kotlin functions that cannot work fail startup, in Kotlin's terms. */
class SuspendStartupValidationTests {

    open class NotSuspendFallback {
        @CircuitBreaker(name = "k", fallback = "fallback")
        open suspend fun charge(txn: String): String = txn

        fun fallback(txn: String, cause: Throwable): String = "deferred $txn: ${cause.message}"
    }

    open class FutureReturning {
        @CircuitBreaker(name = "f")
        open fun charge(txn: String): Future<String> = CompletableFuture.completedFuture(txn)
    }

    open class SuspendFunction {
        @CircuitBreaker(name = "s")
        open suspend fun charge(txn: String): String = txn
    }

    private val runner = ApplicationContextRunner().withConfiguration(
        AutoConfigurations.of(CircuitBreakerAutoConfiguration::class.java, CircuitBreakerAspectAutoConfiguration::class.java),
    )

    @Test
    fun `a suspend function whose fallback is not a suspend function fails startup naming the signature expected`() {
        runner.withBean(NotSuspendFallback::class.java).run { context ->
            assertThat(failure(context.startupFailure))
                .hasMessageContaining("NotSuspendFallback.charge(String)")
                .hasMessageContaining("no overload of 'fallback' takes the parameters as a suspend function")
                .hasMessageContaining("suspend fun fallback(String): String or suspend fun fallback(String, Throwable or a subtype): String")
        }
    }

    @Test
    fun `a Kotlin function returning a Future fails startup`() {
        runner.withBean(FutureReturning::class.java).run { context ->
            assertThat(failure(context.startupFailure)).hasMessageContaining("FutureReturning.charge(String)")
                .hasMessageContaining("java.util.concurrent.Future")
        }
    }

    @Test
    fun `a suspend function without Reactor fails startup instead of going unguarded`() {
        runner.withClassLoader(FilteredClassLoader("reactor.core")).withBean(SuspendFunction::class.java).run { context ->
            assertThat(failure(context.startupFailure)).hasMessageContaining("SuspendFunction.charge(String)")
                .hasMessageContaining("a Kotlin suspend function is guarded only with reactor-core and kotlinx-coroutines-reactor")
        }
    }

    private fun failure(startupFailure: Throwable?): InvalidCircuitBreakerAnnotationException {
        var t = startupFailure
        while (t != null) {
            if (t is InvalidCircuitBreakerAnnotationException) {
                return t
            }
            t = t.cause
        }
        throw AssertionError("no InvalidCircuitBreakerAnnotationException in $startupFailure")
    }
}
