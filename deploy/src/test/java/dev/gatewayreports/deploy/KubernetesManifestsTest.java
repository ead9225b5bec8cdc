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

/** deploy/k8s: no secret values in the repository, and every container sized and probed. */
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
                containers++;
            }
        }
        assertEquals(SERVICES.size(), containers);
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
