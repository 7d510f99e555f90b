package dev.circuitbreaker.kotlin

import dev.circuitbreaker.test.ManualTicker
import org.springframework.boot.autoconfigure.EnableAutoConfiguration
import org.springframework.context.annotation.Bean
import org.springframework.context.annotation.Configuration

/** A Spring Boot application with the starter (auto-configured as in any application) and the Kotlin bank. */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
open class KotlinTestApplication {

    @Bean
    open fun kotlinBank() = KotlinBank()

    @Bean
    open fun ticker() = ManualTicker()
}
