package dev.circuitbreaker.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

/**
 * The Grafana dashboard in {@code sample-app/grafana} queries only series that the sample really exports: every
 * {@code circuitbreaker_*} metric name in its queries appears in a live {@code /actuator/prometheus} scrape, and
 * every label it groups by or filters on is a label of those series.
 */
@SampleAppTest
class GrafanaDashboardMetricsTest {

    private static final Path DASHBOARD = Path.of("grafana", "circuit-breakers.json");
    private static final Pattern METRIC = Pattern.compile("\\bcircuitbreaker_[a-z_]+\\b");
    private static final Pattern BY_LABELS = Pattern.compile("\\bby \\(([^)]*)\\)");
    private static final Pattern MATCHER_LABEL = Pattern.compile("([a-z_]+)\\s*=~?\\s*\"");

    @Autowired
    TestRestTemplate http;

    @Test
    void everyMetricAndLabelTheDashboardQueriesIsInARealPrometheusScrape() throws Exception {
        SampleClient sample = new SampleClient(http);
        sample.resetAll();
        sample.bankMode("failing");
        for (int i = 0; i < 4; i++) {
            sample.pay("order-g" + i);
        }
        assertThat(sample.breaker("payments").path("state").asText()).isEqualTo("OPEN");

        String scrape = http.getForObject("/actuator/prometheus", String.class);
        assertThat(scrape).as("prometheus scrape").isNotNull().contains("circuitbreaker_");
        List<String> samples = scrape.lines().filter(l -> !l.startsWith("#") && !l.isBlank()).toList();

        List<String> queries = queries(new ObjectMapper().readTree(DASHBOARD.toFile()));
        assertThat(queries).as("queries in %s", DASHBOARD).hasSizeGreaterThanOrEqualTo(8);

        Set<String> metrics = new TreeSet<>();
        Set<String> labels = new TreeSet<>();
        for (String query : queries) {
            METRIC.matcher(query).results().map(MatchResult::group).forEach(metrics::add);
            BY_LABELS.matcher(query).results()
                    .flatMap(m -> Arrays.stream(m.group(1).split(",")).map(String::trim))
                    .forEach(labels::add);
            MATCHER_LABEL.matcher(query).results().map(m -> m.group(1)).forEach(labels::add);
        }
        assertThat(metrics).as("metric names the dashboard uses").contains("circuitbreaker_state",
                "circuitbreaker_calls_total", "circuitbreaker_failure_rate", "circuitbreaker_slow_call_rate",
                "circuitbreaker_slow_calls_total", "circuitbreaker_buffered_calls", "circuitbreaker_state_transitions_total");

        for (String metric : metrics) {
            assertThat(samples).as("samples of %s in the scrape", metric)
                    .anyMatch(l -> l.startsWith(metric + "{") || l.startsWith(metric + " "));
        }
        List<String> breakerSamples = samples.stream().filter(l -> l.startsWith("circuitbreaker_")).toList();
        for (String label : labels) {
            assertThat(breakerSamples).as("a circuitbreaker_* series with the label %s", label)
                    .anyMatch(l -> l.contains("{" + label + "=\"") || l.contains("," + label + "=\""));
        }
        assertThat(breakerSamples).as("the payments breaker is open in the scrape")
                .anyMatch(l -> l.startsWith("circuitbreaker_state{") && l.contains("name=\"payments\"")
                        && l.contains("state=\"open\"") && l.endsWith(" 1.0"));
    }

    /** Every PromQL expression and variable query in the dashboard JSON. */
    private static List<String> queries(JsonNode node) {
        List<String> out = new ArrayList<>();
        collect(node, out);
        return out.stream().distinct().collect(Collectors.toList());
    }

    private static void collect(JsonNode node, List<String> out) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if ((e.getKey().equals("expr") || e.getKey().equals("definition")
                        || (e.getKey().equals("query") && e.getValue().isTextual() && e.getValue().asText().contains("(")))
                        && e.getValue().isTextual()) {
                    out.add(e.getValue().asText());
                } else {
                    collect(e.getValue(), out);
                }
            });
        } else if (node.isArray()) {
            node.forEach(child -> collect(child, out));
        }
    }
}
