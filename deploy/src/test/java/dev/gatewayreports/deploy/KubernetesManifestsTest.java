package dev.gatewayreports.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * deploy/k8s: no secret values in the repository, every container sized and probed on its management port, and
 * the connection pools of all replicas within PostgreSQL's max_connections.
 */
class KubernetesManifestsTest {

    private static final Path K8S = Path.of("k8s");
    private static final Set<String> SERVICES = Set.of("report-api", "aggregation-worker", "scheduler-service");
    private static final List<Map<String, Object>> DOCUMENTS = new ArrayList<>();

    @BeforeAll
    static void load() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(K8S)) {
            files = list.filter(
                            f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                    .sorted()
                    .toList();
        }
        assertFalse(files.isEmpty(), "no manifests in deploy/k8s");
        for (Path file : files) {
            try (Reader reader = Files.newBufferedReader(file)) {
                for (Object document : new Yaml().loadAll(reader)) {
                    if (document != null) {
                        DOCUMENTS.add(map(document));
                    }
                }
            }
        }
    }

    @Test
    void shouldHoldNoSecretValues() {
        for (Map<String, Object> document : DOCUMENTS) {
            if ("Secret".equals(document.get("kind"))) {
                assertFalse(document.containsKey("data"), "a Secret with data: " + name(document));
                assertFalse(document.containsKey("stringData"), "a Secret with stringData: " + name(document));
            }
        }
    }

    @Test
    void shouldDeployAndExposeEachService() {
        Set<String> deployments = new HashSet<>();
        Set<String> services = new HashSet<>();
        for (Map<String, Object> document : DOCUMENTS) {
            if ("Deployment".equals(document.get("kind"))) {
                deployments.add(name(document));
            } else if ("Service".equals(document.get("kind"))) {
                services.add(name(document));
            }
        }
        assertEquals(SERVICES, deployments);
        assertEquals(SERVICES, services);
    }

    @Test
    void shouldSizeAndProbeEveryContainer() {
        int containers = 0;
        for (Map<String, Object> document : DOCUMENTS) {
            if (!"Deployment".equals(document.get("kind"))) {
                continue;
            }
            Map<String, Object> podSpec =
                    map(map(map(document.get("spec")).get("template")).get("spec"));
            for (Object item : (List<?>) podSpec.get("containers")) {
                Map<String, Object> container = map(item);
                String where = name(document) + "/" + container.get("name");
                Map<String, Object> resources = map(container.get("resources"));
                assertNotNull(resources.get("requests"), where + ": resources.requests");
                assertNotNull(resources.get("limits"), where + ": resources.limits");
                assertEquals("/q/health/ready", probePath(container, "readinessProbe"), where);
                assertEquals("/q/health/live", probePath(container, "livenessProbe"), where);
                for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
                    assertEquals(
                            "management",
                            String.valueOf(map(map(container.get(probe)).get("httpGet"))
                                    .get("port")),
                            where + ": " + probe + " must use the management port (the public one has no /q/health)");
                }
                containers++;
            }
        }
        assertEquals(SERVICES.size(), containers);
    }

    @Test
    void shouldServeOperationsOnTheManagementPortThatNoServiceExposes() {
        for (Map<String, Object> document : DOCUMENTS) {
            if ("Deployment".equals(document.get("kind"))) {
                for (Map<String, Object> container : containers(document)) {
                    String where = name(document) + "/" + container.get("name");
                    Map<String, Object> ports = new java.util.HashMap<>();
                    for (Object port : (List<?>) container.get("ports")) {
                        ports.put(
                                String.valueOf(map(port).get("name")), map(port).get("containerPort"));
                    }
                    assertEquals(9000, ports.get("management"), where + ": management container port");
                    assertEquals("9000", env(container, "QUARKUS_MANAGEMENT_PORT"), where);
                    Map<String, Object> annotations = map(
                            map(map(map(document.get("spec")).get("template")).get("metadata"))
                                    .get("annotations"));
                    assertEquals("9000", annotations.get("prometheus.io/port"), where);
                    assertEquals("/q/metrics", annotations.get("prometheus.io/path"), where);
                }
            } else if ("Service".equals(document.get("kind"))) {
                for (Object port : (List<?>) map(document.get("spec")).get("ports")) {
                    assertEquals(
                            "http",
                            String.valueOf(map(port).get("targetPort")),
                            name(document) + ": a Service exposes the public port only");
                }
            }
        }
    }

    /**
     * Every Deployment's pool size times its pods, counting the extra pods a rolling update adds (maxSurge), fits
     * in the max_connections of the PostgreSQL it is sized for less its reserved connections (both annotated on the
     * gateway-reports-config ConfigMap). Before: 2 x 32 + 20 + 2 x 20 = 124 > 100.
     */
    @Test
    void shouldFitEveryPoolOfEveryPodIncludingRolloutsInMaxConnections() {
        Map<String, Object> annotations = null;
        for (Map<String, Object> document : DOCUMENTS) {
            if ("ConfigMap".equals(document.get("kind")) && "gateway-reports-config".equals(name(document))) {
                annotations = map(map(document.get("metadata")).get("annotations"));
            }
        }
        assertNotNull(annotations, "gateway-reports-config has no annotations");
        int maxConnections =
                Integer.parseInt(String.valueOf(annotations.get("gateway-reports.dev/postgres-max-connections")));
        int reserved =
                Integer.parseInt(String.valueOf(annotations.get("gateway-reports.dev/postgres-reserved-connections")));
        int peak = 0;
        StringBuilder budget = new StringBuilder();
        for (Map<String, Object> document : DOCUMENTS) {
            if (!"Deployment".equals(document.get("kind"))) {
                continue;
            }
            Map<String, Object> spec = map(document.get("spec"));
            int replicas = ((Number) spec.get("replicas")).intValue();
            int pods = replicas + surge(spec, replicas);
            for (Map<String, Object> container : containers(document)) {
                String size = env(container, "QUARKUS_DATASOURCE_JDBC_MAX_SIZE");
                assertNotNull(
                        size, name(document) + ": no QUARKUS_DATASOURCE_JDBC_MAX_SIZE, its pool is unbounded here");
                peak += pods * Integer.parseInt(size);
                budget.append(' ')
                        .append(name(document))
                        .append(' ')
                        .append(pods)
                        .append('x')
                        .append(size);
            }
        }
        assertTrue(
                peak <= maxConnections - reserved,
                "pools need " + peak + " connections (" + budget.toString().strip() + ") but PostgreSQL has "
                        + maxConnections + " less " + reserved + " reserved");
    }

    /** The pods a rolling update may add (maxSurge: a number or a percentage, rounded up; default 25%). */
    private static int surge(Map<String, Object> spec, int replicas) {
        Object strategy = spec.get("strategy");
        Object value = "25%";
        if (strategy != null && map(strategy).get("rollingUpdate") != null) {
            value = map(map(strategy).get("rollingUpdate")).getOrDefault("maxSurge", "25%");
        } else if (strategy != null && "Recreate".equals(map(strategy).get("type"))) {
            return 0;
        }
        String text = String.valueOf(value);
        if (text.endsWith("%")) {
            return (int) Math.ceil(replicas * Integer.parseInt(text.substring(0, text.length() - 1)) / 100.0);
        }
        return Integer.parseInt(text);
    }

    private static List<Map<String, Object>> containers(Map<String, Object> deployment) {
        Map<String, Object> podSpec =
                map(map(map(deployment.get("spec")).get("template")).get("spec"));
        return ((List<?>) podSpec.get("containers"))
                .stream().map(KubernetesManifestsTest::map).toList();
    }

    /** A container's literal env value, or null. */
    private static String env(Map<String, Object> container, String name) {
        for (Object item : (List<?>) container.get("env")) {
            Map<String, Object> variable = map(item);
            if (name.equals(variable.get("name"))) {
                return variable.get("value") == null ? null : String.valueOf(variable.get("value"));
            }
        }
        return null;
    }

    private static String probePath(Map<String, Object> container, String probe) {
        Object definition = container.get(probe);
        assertNotNull(definition, container.get("name") + ": no " + probe);
        return String.valueOf(map(map(definition).get("httpGet")).get("path"));
    }

    private static String name(Map<String, Object> document) {
        return String.valueOf(map(document.get("metadata")).get("name"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertTrue(value instanceof Map, "expected a mapping, got " + value);
        return (Map<String, Object>) value;
    }
}
