package dev.circuitbreaker.kotlin

import dev.circuitbreaker.BulkheadFullException
import dev.circuitbreaker.CircuitBreakerOpenException
import dev.circuitbreaker.CircuitBreakerRegistry
import dev.circuitbreaker.test.ManualTicker
import dev.circuitbreaker.test.ResetCircuitBreakers
import java.io.IOException
import java.time.Duration
import java.util.concurrent.TimeoutException
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitCancellation
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.yield
import org.assertj.core.api.Assertions.assertThat
import org.assertj.core.api.Assertions.assertThatThrownBy
import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test
import org.springframework.beans.factory.annotation.Autowired
import org.springframework.boot.test.context.SpringBootTest

/**
 * Kotlin suspend functions with @CircuitBreaker get the rules of reactive methods: Spring AOP hands them to the
 * advice as a Mono, which the breaker guards per subscription, and the caller's coroutine awaits it.
 */
@SpringBootTest(
    classes = [KotlinTestApplication::class],
    properties = [
        "circuitbreaker.instances.suspend.permitted-calls-in-half-open-state=1",
        "circuitbreaker.instances.suspend.success-threshold=3",
        "circuitbreaker.instances.suspend.max-concurrent-calls=1",
        "circuitbreaker.instances.suspendWithFallback.call-timeout=200ms",
    ],
)
@ResetCircuitBreakers
class SuspendFunctionTests {

    @Autowired
    lateinit var bank: KotlinBank

    @Autowired
    lateinit var registry: CircuitBreakerRegistry

    @Autowired
    lateinit var ticker: ManualTicker

    @BeforeEach
    fun resetBank() {
        bank.next = { txn -> "charged $txn" }
        bank.bodies.set(0)
        bank.fallbacks.clear()
    }

    private fun breaker(name: String) = registry.find(name).orElseThrow()

    @Test
    fun `a suspend function's result reaches the caller and is counted as a success`() = runBlocking<Unit> {
        assertThat(bank.charge("t-1")).isEqualTo("charged t-1")
        assertThat(breaker("suspend").stats().successfulCalls()).isEqualTo(1)
    }

    @Test
    fun `the outcome is recorded when the suspended body completes, timed from its start`() = runBlocking<Unit> {
        val release = CompletableDeferred<String>()
        bank.next = { release.await() }
        val call = async(start = CoroutineStart.UNDISPATCHED) { bank.charge("t-1") }
        yield()
        assertThat(breaker("suspend").stats().totalCalls()).isZero()
        assertThat(breaker("suspend").stats().concurrentCalls()).isEqualTo(1)
        ticker.advance(Duration.ofMillis(40))
        release.complete("paid")
        assertThat(call.await()).isEqualTo("paid")
        assertThat(breaker("suspend").stats().successfulCalls()).isEqualTo(1)
        assertThat(breaker("suspend").history().single().responseTimeMs()).isEqualTo(40.0)
    }

    @Test
    fun `a suspended call holds its bulkhead place, so another is rejected until it completes`() = runBlocking<Unit> {
        val release = CompletableDeferred<String>()
        bank.next = { release.await() }
        val first = async(start = CoroutineStart.UNDISPATCHED) { bank.charge("t-1") }
        yield()
        assertThatThrownBy { runBlocking { bank.charge("t-2") } }.isInstanceOf(BulkheadFullException::class.java)
        release.complete("paid")
        assertThat(first.await()).isEqualTo("paid")
        bank.next = { txn -> "charged $txn" }
        assertThat(bank.charge("t-3")).isEqualTo("charged t-3")
    }

    @Test
    fun `an open breaker rejects the call without running the body`() {
        breaker("suspend").forceOpen()
        assertThatThrownBy { runBlocking { bank.charge("t-1") } }.isInstanceOf(CircuitBreakerOpenException::class.java)
        assertThat(bank.bodies.get()).isZero()
        assertThat(breaker("suspend").stats().notPermittedCalls()).isEqualTo(1)
    }

    @Test
    fun `the callee's own exception reaches the caller unchanged and is recorded`() {
        val down = IOException("down")
        bank.next = { throw down }
        assertThatThrownBy { runBlocking { bank.charge("t-1") } }.isSameAs(down)
        assertThat(breaker("suspend").stats().failedCalls()).isEqualTo(1)
    }

    @Test
    fun `cancelling the caller's coroutine frees the trial permit and counts as ignored`() = runBlocking<Unit> {
        breaker("suspend").transitionToHalfOpen()
        bank.next = { awaitCancellation() }
        val call = async(start = CoroutineStart.UNDISPATCHED) { bank.charge("t-1") }
        yield()
        call.cancel()
        call.join()
        assertThat(breaker("suspend").stats().ignoredCalls()).isEqualTo(1)
        bank.next = { txn -> "charged $txn" }
        assertThat(bank.charge("t-2")).isEqualTo("charged t-2")            // the only trial permit is free again
        assertThat(breaker("suspend").stats().notPermittedCalls()).isZero()
    }

    @Test
    fun `a suspend fallback runs on a recorded failure and on a rejection`() = runBlocking<Unit> {
        bank.next = { throw IOException("down") }
        assertThat(bank.chargeWithFallback("t-1")).isEqualTo("deferred t-1: IOException")
        breaker("suspendWithFallback").forceOpen()
        assertThat(bank.chargeWithFallback("t-2")).isEqualTo("deferred t-2: CircuitBreakerOpenException")
        assertThat(bank.fallbacks).hasSize(2)
        assertThat(breaker("suspendWithFallback").stats().failedCalls()).isEqualTo(1)
    }

    @Test
    fun `a suspended call that outlives the call timeout fails with a TimeoutException and falls back`() = runBlocking<Unit> {
        bank.next = { awaitCancellation() }
        assertThat(bank.chargeWithFallback("t-1")).isEqualTo("deferred t-1: TimeoutException")
        assertThat(bank.fallbacks.single()).isInstanceOf(TimeoutException::class.java)
        assertThat(breaker("suspendWithFallback").stats().failedCalls()).isEqualTo(1)
    }
}
