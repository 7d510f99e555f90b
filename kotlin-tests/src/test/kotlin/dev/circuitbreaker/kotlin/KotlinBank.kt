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
 * what the next call does ([next], [nextFlow]); the bank counts how often its bodies and fallbacks run. Open, so
 * that Spring can proxy it (Kotlin classes and functions are final by default).
 */
open class KotlinBank {

    @Volatile
    var next: suspend (String) -> String = { txn -> "charged $txn" }

    @Volatile
    var nextFlow: () -> Flow<String> = { flowOf("a", "b") }

    val bodies = AtomicInteger()
    val fallbacks: MutableList<Throwable> = CopyOnWriteArrayList()

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
