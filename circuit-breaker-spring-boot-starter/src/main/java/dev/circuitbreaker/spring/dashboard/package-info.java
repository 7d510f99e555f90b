/**
 * The live dashboard: a plain HTML/JS page shipped in the starter jar, served by Spring MVC and WebFlux applications
 * at {@code circuitbreaker.dashboard.path} when {@code circuitbreaker.dashboard.enabled=true}, and its server-sent
 * event stream at {@code {path}/events} (one controller and client adapter per web stack, on the stack-neutral
 * {@link dev.circuitbreaker.spring.dashboard.stream.DashboardEventStream}). The page reads (and, when the
 * application grants write access, drives) the {@code circuitbreakers} Actuator endpoint from the browser; no build
 * step, no CDN.
 */
package dev.circuitbreaker.spring.dashboard;
