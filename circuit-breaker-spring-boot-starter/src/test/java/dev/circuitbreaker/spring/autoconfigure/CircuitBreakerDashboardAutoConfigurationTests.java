package dev.circuitbreaker.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.circuitbreaker.CircuitBreakerRegistry;
import dev.circuitbreaker.spring.dashboard.DashboardController;
import dev.circuitbreaker.spring.dashboard.DashboardProperties;
import dev.circuitbreaker.spring.dashboard.ReactiveEventStreamController;
import dev.circuitbreaker.spring.dashboard.ServletEventStreamController;
import dev.circuitbreaker.spring.dashboard.stream.DashboardEventStream;
import dev.circuitbreaker.spring.events.CircuitBreakerEventLog;
import java.time.Duration;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.reactive.DispatcherHandler;
import org.springframework.web.servlet.DispatcherServlet;

class CircuitBreakerDashboardAutoConfigurationTests {

    private static final AutoConfigurations DASHBOARD = AutoConfigurations.of(CircuitBreakerAutoConfiguration.class,
            CircuitBreakerDashboardAutoConfiguration.class);

    private final WebApplicationContextRunner web = new WebApplicationContextRunner().withConfiguration(DASHBOARD);
    private final ReactiveWebApplicationContextRunner reactive = new ReactiveWebApplicationContextRunner()
            .withConfiguration(DASHBOARD);

    @Test
    void theDashboardIsOffByDefault() {
        web.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(DashboardController.class)
                .doesNotHaveBean(DashboardEventStream.class).doesNotHaveBean(CircuitBreakerEventLog.class));
        reactive.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(DashboardController.class));
    }

    @Test
    void enablingItInASpringMvcApplicationServesThePageAndTheServletStream() {
        web.withPropertyValues("circuitbreaker.dashboard.enabled=true").run(context -> assertThat(context)
                .hasSingleBean(DashboardController.class).hasSingleBean(ServletEventStreamController.class)
                .hasSingleBean(DashboardEventStream.class).hasSingleBean(CircuitBreakerEventLog.class)
                .doesNotHaveBean(ReactiveEventStreamController.class));
    }

    @Test
    void enablingItInAWebFluxApplicationServesThePageAndTheReactiveStream() {
        reactive.withPropertyValues("circuitbreaker.dashboard.enabled=true").run(context -> assertThat(context)
                .hasSingleBean(DashboardController.class).hasSingleBean(ReactiveEventStreamController.class)
                .hasSingleBean(DashboardEventStream.class).hasSingleBean(CircuitBreakerEventLog.class)
                .doesNotHaveBean(ServletEventStreamController.class));
    }

    @Test
    void aWebFluxApplicationNeedsNoServletClasses() {
        reactive.withClassLoader(new FilteredClassLoader("jakarta.servlet", "org.springframework.web.servlet"))
                .withPropertyValues("circuitbreaker.dashboard.enabled=true")
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(DashboardController.class)
                        .hasSingleBean(ReactiveEventStreamController.class));
    }

    @Test
    void aStackWithoutItsDispatcherGetsNoDashboard() {
        web.withClassLoader(new FilteredClassLoader(DispatcherServlet.class))
                .withPropertyValues("circuitbreaker.dashboard.enabled=true")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(DashboardController.class)
                        .doesNotHaveBean(DashboardEventStream.class));
        reactive.withClassLoader(new FilteredClassLoader(DispatcherHandler.class))
                .withPropertyValues("circuitbreaker.dashboard.enabled=true")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(DashboardController.class)
                        .doesNotHaveBean(DashboardEventStream.class));
    }

    @Test
    void turningTheStarterOffTurnsTheDashboardOffToo() {
        web.withPropertyValues("circuitbreaker.enabled=false", "circuitbreaker.dashboard.enabled=true")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(DashboardController.class));
        reactive.withPropertyValues("circuitbreaker.enabled=false", "circuitbreaker.dashboard.enabled=true")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(DashboardController.class));
    }

    @Test
    void anApplicationWithoutAWebServerGetsNoDashboard() {
        new ApplicationContextRunner().withConfiguration(DASHBOARD)
                .withPropertyValues("circuitbreaker.dashboard.enabled=true")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(DashboardController.class)
                        .doesNotHaveBean(CircuitBreakerEventLog.class));
    }

    @Test
    void theApplicationsOwnEventLogAndStreamWin() {
        web.withUserConfiguration(UserStream.class).withPropertyValues("circuitbreaker.dashboard.enabled=true")
                .run(context -> {
                    assertThat(context.getBean(CircuitBreakerEventLog.class)).isSameAs(context.getBean("userLog"));
                    assertThat(context.getBean(DashboardEventStream.class)).isSameAs(context.getBean("userStream"));
                });
    }

    @Test
    void aPathEndingInASlashFailsStartupNamingThePropertyAndValue() {
        web.withPropertyValues("circuitbreaker.dashboard.enabled=true", "circuitbreaker.dashboard.path=/cb/")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("circuitbreaker.dashboard.path").hasMessageContaining("/cb/"));
    }

    @Test
    void aSeparateManagementPortFailsStartupOnBothStacksNamingThePortsBecauseThePageCouldNotReachTheEndpoint() {
        web.withPropertyValues("circuitbreaker.dashboard.enabled=true", "server.port=8081", "management.server.port=9091")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .isInstanceOf(InvalidCircuitBreakerPropertyException.class)
                        .hasMessageContaining("management.server.port=9091").hasMessageContaining("server.port=8081")
                        .hasMessageContaining("circuitbreaker.dashboard.enabled=false"));
        web.withPropertyValues("circuitbreaker.dashboard.enabled=true", "management.server.port=-1")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("management.server.port=-1").hasMessageContaining("not served over HTTP"));
        reactive.withPropertyValues("circuitbreaker.dashboard.enabled=true", "management.server.port=9091")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .isInstanceOf(InvalidCircuitBreakerPropertyException.class)
                        .hasMessageContaining("management.server.port=9091"));
    }

    @Test
    void aManagementPortThatIsTheApplicationsPortIsFine() {
        web.withPropertyValues("circuitbreaker.dashboard.enabled=true", "server.port=8081", "management.server.port=8081")
                .run(context -> assertThat(context).hasSingleBean(DashboardController.class));
        web.withPropertyValues("circuitbreaker.dashboard.enabled=true", "management.server.port=8080")
                .run(context -> assertThat(context).hasSingleBean(DashboardController.class));
        web.withPropertyValues("circuitbreaker.dashboard.enabled=false", "management.server.port=9091")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(DashboardController.class));
        reactive.withPropertyValues("circuitbreaker.dashboard.enabled=true", "management.server.port=8080")
                .run(context -> assertThat(context).hasSingleBean(DashboardController.class));
    }

    @Test
    void anUnknownDashboardKeyFailsStartup() {
        web.withPropertyValues("circuitbreaker.dashboard.enabeld=true")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("circuitbreaker.dashboard.enabeld"));
    }

    @Test
    void thePageReadsBothEndpointsAtTheConfiguredActuatorBasePathAndMappings() throws Exception {
        DashboardProperties properties = new DashboardProperties();
        properties.setPath("/ops/breakers");
        MockEnvironment environment = new MockEnvironment()
                .withProperty("management.endpoints.web.base-path", "/manage")
                .withProperty("management.endpoints.web.path-mapping.circuitbreakers", "cb");
        String endpoint = CircuitBreakerDashboardAutoConfiguration.endpointPath(environment, "circuitbreakers");
        String events = CircuitBreakerDashboardAutoConfiguration.endpointPath(environment, "circuitbreakerevents");
        assertThat(endpoint).isEqualTo("/manage/cb");
        assertThat(events).isEqualTo("/manage/circuitbreakerevents");
        MockMvc mvc = MockMvcBuilders.standaloneSetup(new DashboardController(properties, endpoint, events))
                .addPlaceholderValue("circuitbreaker.dashboard.path", "/ops/breakers").build();

        mvc.perform(get("/ops/breakers")).andExpect(status().isFound()).andExpect(header().string("Location", "breakers/"));
        mvc.perform(get("/ops/breakers/")).andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("text/html"))
                .andExpect(content().string(Matchers.containsString("<meta name=\"cb-endpoint-path\" content=\"/manage/cb\">")))
                .andExpect(content().string(Matchers.containsString(
                        "<meta name=\"cb-events-endpoint-path\" content=\"/manage/circuitbreakerevents\">")))
                .andExpect(content().string(Matchers.not(Matchers.containsString("{{"))));
        mvc.perform(get("/ops/breakers/dashboard.js")).andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("text/javascript"))
                .andExpect(content().string(Matchers.containsString("cb-endpoint-path")));
        mvc.perform(get("/ops/breakers/feed.js")).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("EventSource")));
        mvc.perform(get("/ops/breakers/card.js")).andExpect(status().isOk());
        mvc.perform(get("/ops/breakers/nothere.js")).andExpect(status().isNotFound());
        mvc.perform(get("/ops/breakers/dashboard.css")).andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("text/css"));
    }

    @Test
    void theShippedFilesLoadNothingFromTheNetwork() throws Exception {
        MockMvc mvc = MockMvcBuilders.standaloneSetup(new DashboardController(new DashboardProperties(),
                "/actuator/circuitbreakers", "/actuator/circuitbreakerevents")).build();
        String page = mvc.perform(get("/circuitbreakers/")).andReturn().getResponse().getContentAsString();
        for (String script : new String[] {"format.js", "card.js", "list.js", "feed.js", "dashboard.js"}) {
            assertThat(page).as("the page loads " + script).contains("<script src=\"" + script + "\"></script>");
        }
        for (String file : new String[] {"/circuitbreakers/", "/circuitbreakers/format.js", "/circuitbreakers/card.js",
                "/circuitbreakers/list.js", "/circuitbreakers/feed.js", "/circuitbreakers/dashboard.js",
                "/circuitbreakers/dashboard.css"}) {
            String body = mvc.perform(get(file)).andReturn().getResponse().getContentAsString();
            assertThat(body).as(file).isNotEmpty().doesNotContain("https://").doesNotContain("http://cdn")
                    .doesNotContain("//cdn").doesNotContain("@import");
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class UserStream {

        @Bean
        CircuitBreakerEventLog userLog(CircuitBreakerRegistry registry) {
            return new CircuitBreakerEventLog(registry);
        }

        @Bean(destroyMethod = "close")
        DashboardEventStream userStream(CircuitBreakerRegistry registry, CircuitBreakerEventLog log) {
            return new DashboardEventStream(registry, log, Duration.ofSeconds(5));
        }
    }
}
