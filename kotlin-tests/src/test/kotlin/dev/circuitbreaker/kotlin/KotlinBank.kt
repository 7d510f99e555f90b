package dev.circuitbreaker.kotlin

import dev.circuitbreaker.spring.CircuitBreaker
import java.io.IOException
import java.util.concurrent.CopyOnWriteArrayList
import java.util.concurrent.atomic.AtomicInteger
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.flow.flowOf

/**
 * A downstream with Kotlin suspend functions and Flow-returning methods, each on a breaker of its own. The tests set
 * what the next call does ([next], [nextFlow]); the bank counts how often its bodies and fallbacks run. Open, and
 * its properties too, so that Spring's class proxy can pass them on to the bank (Kotlin makes everything final by
 * default).
 */
open class KotlinBank {

    @Volatile
    open var next: suspend (String) -> String = { txn -> "charged $txn" }

    @Volatile
    open var nextFlow: () -> Flow<String> = { flowOf("a", "b") }

    open val bodies = AtomicInteger()
    open val fallbacks: MutableList<Throwable> = CopyOnWriteArrayList()

    @CircuitBreaker(name = "suspend")
    open suspend fun charge(txn: String): String {
        bodies.incrementAndGet()
        return next(txn)
    }

    @CircuitBreaker(name = "suspendWithFallback", fallback = "chargeFallback")
    open suspend fun chargeWithFallback(txn: String): String {
        bodies.incrementAndGet()
        return next(txn)
    }

    suspend fun chargeFallback(txn: String, cause: Throwable): String {
        fallbacks.add(cause)
        return "deferred $txn: ${cause.javaClass.simpleName}"
    }

    @CircuitBreaker(name = "flow")
    open fun statement(): Flow<String> = flow {
        bodies.incrementAndGet()
        nextFlow().collect { emit(it) }
    }

    @CircuitBreaker(name = "flowWithFallback", fallback = "statementFallback")
    open fun statementWithFallback(): Flow<String> = flow {
        bodies.incrementAndGet()
        nextFlow().collect { emit(it) }
    }

    fun statementFallback(cause: IOException): Flow<String> {
        fallbacks.add(cause)
        return flowOf("cached")
    }

    @CircuitBreaker(name = "suspendFlow")
    open suspend fun suspendStatement(): Flow<String> {
        bodies.incrementAndGet()
        return nextFlow()
    }
}
