package dev.circuitbreaker.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;
import org.springframework.context.ApplicationContext;
import org.springframework.web.reactive.DispatcherHandler;

/** The event stream of a WebFlux application (Reactor Netty), over real HTTP. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "spring.main.web-application-type=reactive",
        "circuitbreaker.dashboard.enabled=true",
        "circuitbreaker.dashboard.refresh-interval=100ms",
        "circuitbreaker.instances.payments.wait-duration-in-open-state=1m",
        "management.endpoints.web.exposure.include=circuitbreakers,circuitbreakerevents"})
@Import(NettyServer.class)
class ReactiveEventStreamHttpTests extends EventStreamHttpContract {

    @Autowired
    ApplicationContext context;

    @Test
    void thisReallyIsAWebFluxApplication() {
        assertThat(context.getBeanNamesForType(DispatcherHandler.class)).isNotEmpty();
        assertThat(context.containsBean("dispatcherServlet")).isFalse();
        assertThat(NettyServer.webServerOf(context)).isEqualTo("NettyWebServer");
    }
}
