/** HTTP service clients (Spring Framework 7) with Spring Cloud Commons 5.0's circuit breaker support: Boot 4.1 only. */
package dev.circuitbreaker.spring.cloud.httpservice;
