package dev.gatewayreports.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * deploy/observability: the alert rules and the Grafana dashboard read only metrics the services really expose.
 * The lists under metric-names/ are written from each service's real /q/metrics by its own test
 * (ReportApiMetricsTest, BacklogMonitorTest, DeliveryMetricsTest), which fails when its list is stale.
 */
class ObservabilityAssetsTest {
    private static final Path DIR = Path.of("observability");
    private static final Set<String> SERVICES = Set.of("report-api", "aggregation-worker", "scheduler-service");
    /** Not from our services: Prometheus' own scrape health and kube-state-metrics' pod readiness. */
    private static final Set<String> EXTERNAL = Set.of("up", "kube_pod_status_ready");

    private static final Pattern DURATION = Pattern.compile("\\d+[smhd]");

    @Test
    void shouldParseThePrometheusRuleWithEveryAlertComplete() throws IOException {
        Map<String, String> alerts = alerts();
        assertTrue(
                alerts.keySet()
                        .containsAll(List.of(
                                "RollupBacklogOld",
                                "HighServerErrorRate",
                                "DatabasePoolSaturated",
                                "ReportDeliveriesGivenUp",
                                "ReportDeliveriesFailing",
                                "PodsNotReady")),
                alerts.keySet().toString());
        for (Map.Entry<String, String> alert : alerts.entrySet()) {
            assertNull(PromQlNames.bracketProblem(alert.getValue()), alert.getKey());
        }
    }

    @Test
    void shouldReadOnlyExposedMetricsInTheRules() throws IOException {
        Set<String> exposed = exposed();
        for (Map.Entry<String, String> alert : alerts().entrySet()) {
            Set<String> unknown = unknown(PromQlNames.of(alert.getValue()), exposed);
            assertTrue(unknown.isEmpty(), alert.getKey() + " reads metrics no service exposes: " + unknown);
        }
    }

    @Test
    void shouldReadOnlyExposedMetricsInTheDashboard() throws IOException {
        JsonNode dashboard = new ObjectMapper()
                .readTree(DIR.resolve("grafana-dashboard.json").toFile());
        assertEquals("gateway-reports", dashboard.path("uid").asText());
        assertEquals("datasource", dashboard.at("/templating/list/0/name").asText());
        Set<String> exposed = exposed();
        Set<Integer> ids = new HashSet<>();
        int queries = 0;
        for (JsonNode panel : dashboard.path("panels")) {
            assertTrue(ids.add(panel.path("id").asInt()), "panel ids are unique: " + panel.path("id"));
            if (panel.path("type").asText().equals("row")) {
                continue;
            }
            assertFalse(panel.path("targets").isEmpty(), panel.path("title") + " has queries");
            for (JsonNode target : panel.path("targets")) {
                String expr = target.path("expr").asText();
                String where = panel.path("title").asText() + ": " + expr;
                assertNull(PromQlNames.bracketProblem(expr), where);
                Set<String> names = PromQlNames.of(expr);
                assertFalse(names.isEmpty(), where);
                assertTrue(unknown(names, exposed).isEmpty(), where + " reads " + unknown(names, exposed));
                queries++;
            }
        }
        assertTrue(queries >= 15, "queries: " + queries);
    }

    /**
     * Prometheus' own promtool: the rules' PromQL and templates, and prometheus-rules-test.yaml (every alert fires
     * on a history that should page, not on a near miss). promtool comes from Debian's prometheus package
     * (check-rules.sh, cached under target/); skipped, saying so, only where no promtool can be had at all.
     */
    @Test
    void shouldPassPromtoolsChecksAndTheAlertUnitTests() throws Exception {
        ProcessBuilder builder =
                new ProcessBuilder("bash", DIR.resolve("check-rules.sh").toString()).redirectErrorStream(true);
        builder.environment()
                .put(
                        "PROMTOOL_CACHE",
                        Path.of("target", "promtool").toAbsolutePath().toString());
        Process check = builder.start();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(check.waitFor(5, TimeUnit.MINUTES), "check-rules.sh finished");
        Assumptions.assumeFalse(check.exitValue() == 2, "no promtool could be had: " + output);
        assertEquals(0, check.exitValue(), output);
        assertTrue(output.contains("SUCCESS: 12 rules found"), output);
    }

    @Test
    void shouldFindTheMetricNamesOfAnExpression() {
        assertEquals(
                Set.of("http_server_requests_seconds_count"),
                PromQlNames.of("sum by (namespace, job) (rate(http_server_requests_seconds_count{status=~\"5..\"}[5m]))"
                        + " / on (job) group_left sum(rate(http_server_requests_seconds_count[$__rate_interval]))"
                        + " > 0.05 and 2 > bool 1"));
        assertEquals(
                Set.of("rollup_events_total", "rollup_pending_batches"),
                PromQlNames.of("max(rollup_pending_batches) > 0 unless sum(increase(rollup_events_total[15m] offset"
                        + " 1h)) == 0"));
        // What the check catches: a misspelt metric, and a bracket left open.
        assertEquals(
                Set.of("rollup_oldest_pending_second"),
                unknown(PromQlNames.of("max(rollup_oldest_pending_second)"), exposedOrFail()));
        assertEquals("unclosed '('", PromQlNames.bracketProblem("sum(rate(x[5m])"));
    }

    private static Set<String> exposedOrFail() {
        try {
            return exposed();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<String> unknown(Set<String> names, Set<String> exposed) {
        Set<String> unknown = new TreeSet<>(names);
        unknown.removeAll(exposed);
        unknown.removeAll(EXTERNAL);
        return unknown;
    }

    /** The metric names of all three services, as their tests last wrote them from /q/metrics. */
    private static Set<String> exposed() throws IOException {
        Set<String> names = new TreeSet<>();
        for (String service : SERVICES) {
            Path list = DIR.resolve("metric-names").resolve(service + ".txt");
            List<String> lines = Files.readAllLines(list, StandardCharsets.UTF_8);
            assertTrue(lines.size() > 20, list + " holds a real scrape");
            lines.stream().filter(l -> !l.isBlank()).forEach(names::add);
        }
        return names;
    }

    /** Every alert of the PrometheusRule by name, its expression as the value; checks the rule's shape. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> alerts() throws IOException {
        Map<String, Object> rule;
        try (Reader reader = Files.newBufferedReader(DIR.resolve("prometheus-rules.yaml"))) {
            rule = new Yaml().load(reader);
        }
        assertEquals("monitoring.coreos.com/v1", rule.get("apiVersion"));
        assertEquals("PrometheusRule", rule.get("kind"));
        Map<String, String> alerts = new LinkedHashMap<>();
        List<Map<String, Object>> groups =
                (List<Map<String, Object>>) ((Map<String, Object>) rule.get("spec")).get("groups");
        assertFalse(groups.isEmpty());
        for (Map<String, Object> group : groups) {
            assertNotNull(group.get("name"));
            for (Map<String, Object> r : (List<Map<String, Object>>) group.get("rules")) {
                String name = (String) r.get("alert");
                assertNotNull(name, "every rule is an alert: " + r);
                assertNull(alerts.put(name, (String) r.get("expr")), "alert names are unique: " + name);
                assertNotNull(r.get("expr"), name);
                if (r.containsKey("for")) {
                    assertTrue(DURATION.matcher((String) r.get("for")).matches(), name + " for: " + r.get("for"));
                }
                Map<String, Object> labels = (Map<String, Object>) r.get("labels");
                assertTrue(Set.of("warning", "critical").contains(labels.get("severity")), name + " severity");
                Map<String, Object> annotations = (Map<String, Object>) r.get("annotations");
                assertNotNull(annotations.get("summary"), name + " summary");
                assertNotNull(annotations.get("description"), name + " description");
            }
        }
        return alerts;
    }
}
