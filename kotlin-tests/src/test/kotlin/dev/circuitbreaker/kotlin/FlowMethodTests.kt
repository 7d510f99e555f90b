package dev.circuitbreaker.kotlin

import dev.circuitbreaker.CircuitBreakerOpenException
import dev.circuitbreaker.CircuitBreakerRegistry
import dev.circuitbreaker.test.ResetCircuitBreakers
import java.io.IOException
import kotlinx.coroutines.awaitCancellation
import kotlinx.coroutines.flow.catch
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.runBlocking
import org.assertj.core.api.Assertions.assertThat
import org.assertj.core.api.Assertions.assertThatThrownBy
import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test
import org.springframework.beans.factory.annotation.Autowired
import org.springframework.boot.test.context.SpringBootTest

/**
 * Methods returning a Kotlin Flow (adapted by Spring's ReactiveAdapterRegistry) and suspend functions returning one:
 * each collection is one call, decided when the flow completes or fails.
 */
@SpringBootTest(classes = [KotlinTestApplication::class])
@ResetCircuitBreakers
class FlowMethodTests {

    @Autowired
    lateinit var bank: KotlinBank

    @Autowired
    lateinit var registry: CircuitBreakerRegistry

    @BeforeEach
    fun resetBank() {
        bank.nextFlow = { kotlinx.coroutines.flow.flowOf("a", "b") }
        bank.bodies.set(0)
        bank.fallbacks.clear()
    }

    private fun breaker(name: String) = registry.find(name).orElseThrow()

    @Test
    fun `each collection of the returned flow is one call and nothing runs before`() = runBlocking<Unit> {
        val statement = bank.statement()
        assertThat(bank.bodies.get()).isZero()
        assertThat(breaker("flow").stats().totalCalls()).isZero()
        assertThat(statement.toList()).containsExactly("a", "b")
        assertThat(statement.toList()).containsExactly("a", "b")
        assertThat(breaker("flow").stats().successfulCalls()).isEqualTo(2)
    }

    @Test
    fun `a flow that emits and then fails is a failure`() = runBlocking<Unit> {
        bank.nextFlow = { flow { emit("a"); throw IOException("down") } }
        val seen = mutableListOf<String>()
        assertThatThrownBy { runBlocking { bank.statement().collect { seen.add(it) } } }.isInstanceOf(IOException::class.java)
        assertThat(seen).containsExactly("a")
        assertThat(breaker("flow").stats().failedCalls()).isEqualTo(1)
        assertThat(breaker("flow").stats().successfulCalls()).isZero()
    }

    @Test
    fun `an open breaker fails the collection without running the flow`() {
        breaker("flow").forceOpen()
        assertThatThrownBy { runBlocking { bank.statement().toList() } }.isInstanceOf(CircuitBreakerOpenException::class.java)
        assertThat(bank.bodies.get()).isZero()
    }

    @Test
    fun `a collector that stops before the flow completes cancels the call, which counts as ignored`() = runBlocking<Unit> {
        bank.nextFlow = { flow { emit("a"); awaitCancellation() } }
        assertThat(bank.statement().take(1).toList()).containsExactly("a")
        assertThat(breaker("flow").stats().ignoredCalls()).isEqualTo(1)
    }

    @Test
    fun `a flow fallback continues after what the failed flow emitted`() = runBlocking<Unit> {
        bank.nextFlow = { flow { emit("live"); throw IOException("down") } }
        assertThat(bank.statementWithFallback().toList()).containsExactly("live", "cached")
        assertThat(bank.fallbacks.single()).isInstanceOf(IOException::class.java)
        assertThat(breaker("flowWithFallback").stats().failedCalls()).isEqualTo(1)
    }

    @Test
    fun `a flow fallback taking IOException does not run on another exception`() = runBlocking<Unit> {
        bank.nextFlow = { flow { throw IllegalStateException("bug") } }
        val error = runCatching { bank.statementWithFallback().toList() }.exceptionOrNull()
        assertThat(error).isInstanceOf(IllegalStateException::class.java)
        assertThat(bank.fallbacks).isEmpty()
    }

    @Test
    fun `a suspend function returning a flow is guarded per collection of that flow`() = runBlocking<Unit> {
        val statement = bank.suspendStatement()
        assertThat(statement.toList()).containsExactly("a", "b")
        assertThat(breaker("suspendFlow").stats().successfulCalls()).isEqualTo(1)
        bank.nextFlow = { flow { throw IOException("down") } }
        val failed = bank.suspendStatement().catch { emit("caught ${it.javaClass.simpleName}") }.toList()
        assertThat(failed).containsExactly("caught IOException")
        assertThat(breaker("suspendFlow").stats().failedCalls()).isEqualTo(1)
    }
}
