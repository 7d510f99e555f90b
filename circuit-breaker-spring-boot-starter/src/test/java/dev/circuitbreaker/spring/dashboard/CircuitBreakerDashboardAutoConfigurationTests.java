package dev.circuitbreaker.spring.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.circuitbreaker.spring.autoconfigure.CircuitBreakerAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

class CircuitBreakerDashboardAutoConfigurationTests {

    private final WebApplicationContextRunner web = new WebApplicationContextRunner().withConfiguration(
            AutoConfigurations.of(CircuitBreakerAutoConfiguration.class, CircuitBreakerDashboardAutoConfiguration.class));

    @Test
    void theDashboardIsOffByDefault() {
        web.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(DashboardController.class));
    }

    @Test
    void enablingItServesThePage() {
        web.withPropertyValues("circuitbreaker.dashboard.enabled=true")
                .run(context -> assertThat(context).hasSingleBean(DashboardController.class));
    }

    @Test
    void turningTheStarterOffTurnsTheDashboardOffToo() {
        web.withPropertyValues("circuitbreaker.enabled=false", "circuitbreaker.dashboard.enabled=true")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(DashboardController.class));
    }

    @Test
    void anApplicationWithoutAWebServerGetsNoDashboard() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(CircuitBreakerAutoConfiguration.class,
                        CircuitBreakerDashboardAutoConfiguration.class))
                .withPropertyValues("circuitbreaker.dashboard.enabled=true")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(DashboardController.class));
    }

    @Test
    void aPathEndingInASlashFailsStartupNamingThePropertyAndValue() {
        web.withPropertyValues("circuitbreaker.dashboard.enabled=true", "circuitbreaker.dashboard.path=/cb/")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("circuitbreaker.dashboard.path").hasMessageContaining("/cb/"));
    }

    @Test
    void aSeparateManagementPortFailsStartupNamingThePortsBecauseThePageCouldNotReachTheEndpoint() {
        web.withPropertyValues("circuitbreaker.dashboard.enabled=true", "server.port=8081", "management.server.port=9091")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .isInstanceOf(dev.circuitbreaker.spring.autoconfigure.InvalidCircuitBreakerPropertyException.class)
                        .hasMessageContaining("management.server.port=9091").hasMessageContaining("server.port=8081")
                        .hasMessageContaining("circuitbreaker.dashboard.enabled=false"));
        web.withPropertyValues("circuitbreaker.dashboard.enabled=true", "management.server.port=-1")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("management.server.port=-1").hasMessageContaining("not served over HTTP"));
    }

    @Test
    void aManagementPortThatIsTheApplicationsPortIsFine() {
        web.withPropertyValues("circuitbreaker.dashboard.enabled=true", "server.port=8081", "management.server.port=8081")
                .run(context -> assertThat(context).hasSingleBean(DashboardController.class));
        web.withPropertyValues("circuitbreaker.dashboard.enabled=true", "management.server.port=8080")
                .run(context -> assertThat(context).hasSingleBean(DashboardController.class));
        web.withPropertyValues("circuitbreaker.dashboard.enabled=false", "management.server.port=9091")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(DashboardController.class));
    }

    @Test
    void anUnknownDashboardKeyFailsStartup() {
        web.withPropertyValues("circuitbreaker.dashboard.enabeld=true")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("circuitbreaker.dashboard.enabeld"));
    }

    @Test
    void thePageReadsTheEndpointAtTheConfiguredActuatorBasePath() throws Exception {
        DashboardProperties properties = new DashboardProperties();
        properties.setPath("/ops/breakers");
        String endpoint = CircuitBreakerDashboardAutoConfiguration.endpointPath(new org.springframework.mock.env.MockEnvironment()
                .withProperty("management.endpoints.web.base-path", "/manage")
                .withProperty("management.endpoints.web.path-mapping.circuitbreakers", "cb"));
        assertThat(endpoint).isEqualTo("/manage/cb");
        MockMvc mvc = MockMvcBuilders.standaloneSetup(new DashboardController(properties, endpoint))
                .addPlaceholderValue("circuitbreaker.dashboard.path", "/ops/breakers").build();

        mvc.perform(get("/ops/breakers")).andExpect(status().isFound()).andExpect(header().string("Location", "breakers/"));
        mvc.perform(get("/ops/breakers/")).andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("text/html"))
                .andExpect(content().string(org.hamcrest.Matchers.containsString(
                        "<meta name=\"cb-endpoint-path\" content=\"/manage/cb\">")))
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("{{"))));
        mvc.perform(get("/ops/breakers/dashboard.js")).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("circuitbreakers")));
        mvc.perform(get("/ops/breakers/dashboard.css")).andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("text/css"));
    }

    @Test
    void theShippedFilesLoadNothingFromTheNetwork() throws Exception {
        DashboardProperties properties = new DashboardProperties();
        MockMvc mvc = MockMvcBuilders.standaloneSetup(new DashboardController(properties, "/actuator/circuitbreakers")).build();
        for (String file : new String[] {"/circuitbreakers/", "/circuitbreakers/dashboard.js", "/circuitbreakers/dashboard.css"}) {
            String body = mvc.perform(get(file)).andReturn().getResponse().getContentAsString();
            assertThat(body).as(file).isNotEmpty().doesNotContain("https://").doesNotContain("http://cdn")
                    .doesNotContain("//cdn").doesNotContain("@import");
        }
    }
}
