package dev.circuitbreaker.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * The uber-jar's entry point: runs JMH with the usual command line, then prints the results as the Markdown table of
 * BENCHMARKS.md (score, error, B/op from {@code -prof gc}, and ratios to Resilience4j and to the floor within the same
 * scenario of the same run). {@code -Dbench.table=FILE} also writes the table to FILE. The references are the
 * subjects named {@code resilience4j} and {@code floor} of each scenario: in {@link SpringAspect} that is
 * resilience4j-spring-boot3's aspect, so its "x Resilience4j" column compares aspect with aspect (it has no floor).
 */
public final class RunBenchmarks {

    private static final Set<String> JMH_ONLY = Set.of("-h", "-l", "-lp", "-lprof", "-lrf", "-list");

    private RunBenchmarks() {
    }

    public static void main(String[] args) throws Exception {
        for (String arg : args) {
            if (JMH_ONLY.contains(arg)) {
                org.openjdk.jmh.Main.main(args);
                return;
            }
        }
        Collection<RunResult> results = new Runner(new CommandLineOptions(args)).run();
        String table = table(results);
        System.out.println();
        System.out.println(table);
        String file = System.getProperty("bench.table");
        if (file != null) {
            write(Path.of(file), table);
        }
    }

    static String table(Collection<RunResult> results) {
        List<Row> rows = new ArrayList<>();
        for (RunResult r : results) {
            String benchmark = r.getParams().getBenchmark();
            int dot = benchmark.lastIndexOf('.');
            String scenario = benchmark.substring(benchmark.lastIndexOf('.', dot - 1) + 1, dot);
            Result<?> primary = r.getPrimaryResult();
            Result<?> alloc = r.getSecondaryResults().get("gc.alloc.rate.norm");
            rows.add(new Row(scenario, benchmark.substring(dot + 1), r.getParams().getThreads(), primary.getScore(),
                    primary.getScoreError(), alloc == null ? Double.NaN : alloc.getScore()));
        }
        rows.sort(Comparator.comparing(Row::scenario).thenComparing(Row::score));
        StringBuilder out = new StringBuilder();
        out.append("| scenario | subject | threads | ns/op | error (99.9 %) | B/op | x Resilience4j | x floor |\n");
        out.append("|---|---|---:|---:|---:|---:|---:|---:|\n");
        for (Row row : rows) {
            out.append(String.format(Locale.ROOT, "| %s | %s | %d | %.1f | %.1f | %s | %s | %s |%n", row.scenario,
                    row.subject, row.threads, row.score, row.error,
                    Double.isNaN(row.bytes) ? "n/a" : String.format(Locale.ROOT, "%.1f", row.bytes),
                    ratio(row, rows, "resilience4j"), ratio(row, rows, "floor")));
        }
        return out.toString();
    }

    private static String ratio(Row row, List<Row> rows, String reference) {
        for (Row other : rows) {
            if (other.scenario.equals(row.scenario) && other.subject.equals(reference)) {
                return String.format(Locale.ROOT, "%.3f", row.score / other.score);
            }
        }
        return "";
    }

    private static void write(Path file, String table) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, table);
    }

    private record Row(String scenario, String subject, int threads, double score, double error, double bytes) {
    }

}
