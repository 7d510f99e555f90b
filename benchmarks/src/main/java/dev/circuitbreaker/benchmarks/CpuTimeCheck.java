package dev.circuitbreaker.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A cross-check for a busy machine, not a JMH benchmark: the same subjects measured in on-CPU time per call
 * ({@link ThreadMXBean#getCurrentThreadCpuTime()}), so time a thread spends descheduled by other processes does not
 * count. The median of 7 rounds of {@value #CALLS} calls after 5 warm-up rounds, per thread. Wall-clock JMH numbers
 * remain the reference on a quiet machine. Usage: {@code java -cp benchmarks.jar
 * dev.circuitbreaker.benchmarks.CpuTimeCheck [threads...]} (default: 1 2); {@code -Dsubjects=<regex>} measures only the
 * subjects whose names match (plus the floor and Resilience4j's success path, the references, and Resilience4j's
 * breaker with its bulkhead when the regex names a bulkhead subject).
 */
public final class CpuTimeCheck {

    private static final int CALLS = 2_000_000;
    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();
    private static volatile Object sink;

    private CpuTimeCheck() {
    }

    public static void main(String[] args) throws InterruptedException {
        List<Integer> threadCounts = new ArrayList<>();
        for (String arg : args) {
            threadCounts.add(Integer.parseInt(arg));
        }
        if (threadCounts.isEmpty()) {
            threadCounts = List.of(1, 2);
        }
        StringBuilder out = new StringBuilder("| subject | threads | cpu ns/op (median) | x Resilience4j | x floor |\n")
                .append("|---|---:|---:|---:|---:|\n");
        for (int threads : threadCounts) {
            Map<String, Double> medians = new LinkedHashMap<>();
            for (Map.Entry<String, Supplier<Object>> subject : subjects().entrySet()) {
                int calls = subject.getKey().startsWith("resilience4jOpen") ? CALLS / 10 : CALLS;
                medians.put(subject.getKey(), median(subject.getValue(), threads, calls));
            }
            for (Map.Entry<String, Double> m : medians.entrySet()) {
                String reference = m.getKey().startsWith("coreOpen") || m.getKey().startsWith("resilience4jOpen")
                        ? "resilience4jOpen" : m.getKey().endsWith("HalfFailures") || m.getKey().endsWith("HalfFailuresNoDuration")
                        ? "resilience4jHalfFailures" : m.getKey().endsWith("TimeBased") ? "resilience4jTimeBased"
                        : m.getKey().contains("Bulkhead") ? "resilience4jBulkhead" : "resilience4j";
                out.append(String.format(Locale.ROOT, "| %s | %d | %.1f | %.3f | %.3f |%n", m.getKey(), threads,
                        m.getValue(), m.getValue() / medians.get(reference), m.getValue() / medians.get("floor")));
            }
        }
        System.out.print(out);
    }

    private static Map<String, Supplier<Object>> subjects() {
        Callee.Payload payload = new Callee.Payload();
        Supplier<String> callee = Callee.succeeding(payload);
        Floor floor = new Floor();
        var core = Subjects.core();
        var coreNoDuration = Subjects.coreNoDuration();
        Supplier<String> r4j = io.github.resilience4j.circuitbreaker.CircuitBreaker.decorateSupplier(
                Subjects.resilience4j(), callee);
        var coreOpen = Subjects.coreOpen();
        Supplier<String> r4jOpen = io.github.resilience4j.circuitbreaker.CircuitBreaker.decorateSupplier(
                Subjects.resilience4jOpen(true), callee);
        Supplier<String> r4jOpenNoStackTrace = io.github.resilience4j.circuitbreaker.CircuitBreaker.decorateSupplier(
                Subjects.resilience4jOpen(false), callee);
        Map<String, Supplier<Object>> subjects = new LinkedHashMap<>();
        subjects.put("floor", () -> floor.get(callee));
        subjects.put("core", () -> core.get(callee));
        subjects.put("coreNoDuration", () -> coreNoDuration.get(callee));
        subjects.put("resilience4j", r4j::get);
        subjects.put("nanoTime", System::nanoTime);
        subjects.put("coreOpen", () -> rejected(() -> coreOpen.get(callee)));
        subjects.put("resilience4jOpen", () -> rejected(r4jOpen));
        subjects.put("resilience4jOpenNoStackTrace", () -> rejected(r4jOpenNoStackTrace));
        Supplier<String> halfFailing = Callee.halfFailing();
        var coreHigh = Subjects.coreHighThreshold(100);
        var coreHighNoDuration = Subjects.coreHighThreshold(0);
        Supplier<String> r4jHigh = io.github.resilience4j.circuitbreaker.CircuitBreaker.decorateSupplier(
                Subjects.resilience4jHighThreshold(), halfFailing);
        subjects.put("coreHalfFailures", () -> rejected(() -> coreHigh.get(halfFailing)));
        subjects.put("coreHalfFailuresNoDuration", () -> rejected(() -> coreHighNoDuration.get(halfFailing)));
        subjects.put("resilience4jHalfFailures", () -> rejected(r4jHigh));
        var coreTime = Subjects.coreTimeBased(100);
        Supplier<String> r4jTime = io.github.resilience4j.circuitbreaker.CircuitBreaker.decorateSupplier(
                Subjects.resilience4jTimeBased(), callee);
        subjects.put("coreTimeBased", () -> coreTime.get(callee));
        subjects.put("resilience4jTimeBased", r4jTime::get);
        var coreBulkhead = Subjects.coreBulkhead();
        var coreBulkheadNoDuration = Subjects.coreBulkheadNoDuration();
        Supplier<String> r4jBulkhead = Subjects.resilience4jBulkhead(callee);
        subjects.put("coreBulkhead", () -> coreBulkhead.get(callee));
        subjects.put("coreBulkheadNoDuration", () -> coreBulkheadNoDuration.get(callee));
        subjects.put("resilience4jBulkhead", r4jBulkhead::get);
        String only = System.getProperty("subjects");
        if (only != null) {
            subjects.keySet().removeIf(name -> !name.matches(only) && !name.equals("floor") && !name.equals("resilience4j")
                    && !(name.equals("resilience4jBulkhead") && only.contains("Bulkhead")));
        }
        return subjects;
    }

    private static Object rejected(Supplier<?> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            return e;
        }
    }

    private static double median(Supplier<Object> subject, int threads, int calls) throws InterruptedException {
        List<Double> rounds = Collections.synchronizedList(new ArrayList<>());
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                for (int r = 0; r < 5; r++) {
                    cpuNanosPerCall(subject, calls);
                }
                for (int r = 0; r < 7; r++) {
                    rounds.add(cpuNanosPerCall(subject, calls));
                }
            });
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        List<Double> sorted = new ArrayList<>(rounds);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static double cpuNanosPerCall(Supplier<Object> subject, int calls) {
        long start = MX.getCurrentThreadCpuTime();
        Object last = null;
        for (int i = 0; i < calls; i++) {
            last = subject.get();
        }
        long end = MX.getCurrentThreadCpuTime();
        sink = last;
        return (end - start) / (double) calls;
    }
}
