package dev.circuitbreaker.spring.web;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.boot.web.embedded.netty.NettyReactiveWebServerFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * Runs a reactive test application on Reactor Netty, as a WebFlux application with the WebFlux starter does (the
 * test class path also holds Tomcat, which Boot would prefer). Spring Boot 3's packages; {@code src/test/boot4/java}
 * has the Boot 4 twin.
 */
@TestConfiguration(proxyBeanMethods = false)
public class NettyServer {

    @Bean
    NettyReactiveWebServerFactory nettyReactiveWebServerFactory() {
        return new NettyReactiveWebServerFactory();
    }

    /** The simple class name of the context's web server, e.g. {@code NettyWebServer}. */
    public static String webServerOf(ApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getClass().getSimpleName();
    }
}
