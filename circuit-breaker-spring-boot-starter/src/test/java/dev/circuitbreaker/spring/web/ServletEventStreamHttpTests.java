package dev.circuitbreaker.spring.web;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/** The event stream of a Spring MVC application (Tomcat), over real HTTP. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "circuitbreaker.dashboard.enabled=true",
        "circuitbreaker.dashboard.refresh-interval=100ms",
        "circuitbreaker.instances.payments.wait-duration-in-open-state=1m",
        "management.endpoints.web.exposure.include=circuitbreakers,circuitbreakerevents"})
class ServletEventStreamHttpTests extends EventStreamHttpContract {
}
