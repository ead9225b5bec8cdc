package dev.gatewayreports.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Prometheus text scrape of a service's /q/metrics: the value of a sample by name and labels, and the check of
 * {@code deploy/observability/metric-names/<service>.txt}, the list the alert rules and the dashboard are checked
 * against (deploy's ObservabilityAssetsTest).
 */
public final class MetricsScrape {
    /** Set (to anything) to rewrite the lists from the scrape instead of checking them. */
    public static final String WRITE_ENV = "OBSERVABILITY_WRITE_METRIC_NAMES";

    /**
     * name, labels (quoted values may hold braces), value; what follows the value is left alone: with
     * quarkus-opentelemetry on the class path, Micrometer appends an exemplar ({@code # {trace_id="…"} 1.0 …}),
     * which a greedy label match would take for the labels and its value for the sample's.
     */
    private static final Pattern SAMPLE =
            Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{((?:[^}\"]|\"(?:[^\"\\\\]|\\\\.)*\")*)})? (\\S+)");

    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final String text;

    public MetricsScrape(String text) {
        this.text = text;
    }

    /**
     * The sum of the samples called {@code name} whose labels include all of {@code labels}; 0 when there are
     * none (a counter not yet incremented is absent or 0 alike).
     */
    public double value(String name, Map<String, String> labels) {
        double sum = 0;
        for (String line : text.split("\n")) {
            Matcher m = SAMPLE.matcher(line);
            if (m.find() && m.group(1).equals(name) && hasLabels(m.group(3), labels)) {
                sum += Double.parseDouble(m.group(4));
            }
        }
        return sum;
    }

    public double value(String name) {
        return value(name, Map.of());
    }

    /** Whether any sample is called {@code name}. */
    public boolean has(String name) {
        return names().contains(name);
    }

    /** Every sample name (with its _total, _count, _sum, _bucket or _max suffix), sorted. */
    public Set<String> names() {
        Set<String> names = new TreeSet<>();
        for (String line : text.split("\n")) {
            Matcher m = SAMPLE.matcher(line);
            if (!line.startsWith("#") && m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    private static boolean hasLabels(String text, Map<String, String> wanted) {
        if (wanted.isEmpty()) {
            return true;
        }
        if (text == null) {
            return false;
        }
        Map<String, String> found = new java.util.HashMap<>();
        Matcher m = LABEL.matcher(text);
        while (m.find()) {
            found.put(m.group(1), m.group(2));
        }
        return wanted.entrySet().stream().allMatch(e -> e.getValue().equals(found.get(e.getKey())));
    }

    /**
     * Checks the service's checked-in list of metric names against this scrape, for the names {@code ours} selects
     * (the service's own and the pool's and HTTP server's, which the rules read): each listed one must be exposed
     * (a renamed or removed metric makes the list stale) and each exposed one listed. The framework's other names
     * (jvm_*, process_*, ...) are listed as they were last written and not checked: some (jvm_gc_*) appear only
     * once their event has happened. With {@value #WRITE_ENV} set it writes the list
     * instead. The scrape must come after the test exercised the service, so lazily made meters exist.
     */
    public void checkListed(Path list, Predicate<String> ours) throws IOException {
        Set<String> exposed = names();
        if (System.getenv(WRITE_ENV) != null) {
            Files.createDirectories(list.getParent());
            Files.write(list, exposed, StandardCharsets.UTF_8);
            return;
        }
        if (!Files.exists(list)) {
            fail(list + " is missing: run this test with " + WRITE_ENV + "=1 to write it");
        }
        Set<String> listed = new TreeSet<>(Files.readAllLines(list, StandardCharsets.UTF_8));
        listed.removeIf(String::isBlank);
        List<String> problems = new ArrayList<>();
        for (String name : listed) {
            if (ours.test(name) && !exposed.contains(name)) {
                problems.add("listed but not exposed: " + name);
            }
        }
        for (String name : exposed) {
            if (ours.test(name) && !listed.contains(name)) {
                problems.add("exposed but not listed: " + name);
            }
        }
        if (!problems.isEmpty()) {
            fail(list + " is stale (rewrite it with " + WRITE_ENV + "=1 and check the alert rules and dashboard): "
                    + problems);
        }
    }
}
