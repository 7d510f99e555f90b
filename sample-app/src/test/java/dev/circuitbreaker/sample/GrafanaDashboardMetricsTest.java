package dev.circuitbreaker.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.json.JsonParserFactory;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;

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

    @LocalServerPort
    int port;

    @Test
    void everyMetricAndLabelTheDashboardQueriesIsInARealPrometheusScrape() throws Exception {
        SampleClient sample = new SampleClient(port);
        sample.healthyBank();
        sample.bankMode("failing");
        for (int i = 0; i < 4; i++) {
            sample.pay("order-g" + i);
        }
        assertThat(sample.breaker("payments").path("state").asText()).isEqualTo("OPEN");

        ResponseEntity<String> response = sample.get("/actuator/prometheus");
        assertThat(response.getStatusCode().value()).as("prometheus scrape status").isEqualTo(200);
        String scrape = response.getBody();
        assertThat(scrape).as("prometheus scrape").isNotNull().contains("circuitbreaker_");
        List<String> samples = scrape.lines().filter(l -> !l.startsWith("#") && !l.isBlank()).toList();

        List<String> queries = queries(JsonParserFactory.getJsonParser().parseMap(Files.readString(DASHBOARD)));
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
    private static List<String> queries(Map<String, Object> node) {
        List<String> out = new ArrayList<>();
        collect(node, out);
        return out.stream().distinct().collect(Collectors.toList());
    }

    /** Walks the maps and lists of the parsed JSON (Boot's parser: the same on every Boot line). */
    private static void collect(Object node, List<String> out) {
        if (node instanceof Map<?, ?> object) {
            object.forEach((key, value) -> {
                if (value instanceof String text && (key.equals("expr") || key.equals("definition")
                        || (key.equals("query") && text.contains("(")))) {
                    out.add(text);
                } else {
                    collect(value, out);
                }
            });
        } else if (node instanceof List<?> array) {
            array.forEach(child -> collect(child, out));
        }
    }
}
