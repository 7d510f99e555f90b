/**
 * The live dashboard: a plain HTML/JS page shipped in the starter jar, served by Spring MVC applications at
 * {@code circuitbreaker.dashboard.path} when {@code circuitbreaker.dashboard.enabled=true}. It reads (and, when
 * the application grants write access, drives) the {@code circuitbreakers} Actuator endpoint from the browser;
 * no build step, no CDN.
 */
package dev.circuitbreaker.spring.dashboard;
