/** The fake downstream bank: its own HTTP server in the same JVM, and the endpoint that switches its behaviour. */
package dev.circuitbreaker.sample.bank;
