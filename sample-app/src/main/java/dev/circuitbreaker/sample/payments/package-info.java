/** The payments service: a REST controller and a service that charges the bank behind a circuit breaker. */
package dev.circuitbreaker.sample.payments;
