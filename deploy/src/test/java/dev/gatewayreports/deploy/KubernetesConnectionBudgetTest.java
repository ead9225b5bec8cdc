package dev.gatewayreports.deploy;

import static dev.gatewayreports.deploy.KubernetesObjects.MIGRATE_JOB;
import static dev.gatewayreports.deploy.KubernetesObjects.envValue;
import static dev.gatewayreports.deploy.KubernetesObjects.name;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The connection pools of every pod that can run at once fit in the max_connections of the PostgreSQL the deployment
 * is sized for, less its reserved connections (both annotated on the gateway-reports-config ConfigMap). A Deployment
 * counts its autoscaler's maxReplicas (else its replicas) plus the pods a rolling update adds (maxSurge); the migration
 * Job runs beside the old pods of an upgrade and counts too.
 */
class KubernetesConnectionBudgetTest {

    @ParameterizedTest
    @ValueSource(strings = {"prod", "dev"})
    void shouldFitEveryPoolOfEveryPodIncludingAutoscalingRolloutsAndTheJob(String overlay) {
        Map<String, Integer> budget = budget(KubernetesObjects.rendered(overlay));
        int peak = budget.values().stream().mapToInt(Integer::intValue).sum();
        ConfigMap config = KubernetesObjects.rendered(overlay).get(ConfigMap.class, "gateway-reports-config");
        Map<String, String> annotations = config.getMetadata().getAnnotations();
        int max = Integer.parseInt(annotations.get("gateway-reports.dev/postgres-max-connections"));
        int reserved = Integer.parseInt(annotations.get("gateway-reports.dev/postgres-reserved-connections"));
        assertTrue(
                peak <= max - reserved,
                overlay + ": pools need " + peak + " connections " + budget + " but PostgreSQL has " + max + " less "
                        + reserved + " reserved");
    }

    /** The figures of deploy/README.md's "Connection budget" table; change both together. */
    @Test
    void shouldMatchTheDocumentedProdBudget() {
        Map<String, Integer> budget = budget(KubernetesObjects.rendered("prod"));
        assertEquals(
                Map.of(
                        "Deployment report-api (4+1)x10", 50,
                        "Deployment aggregation-worker (3+0)x6", 18,
                        "Deployment scheduler-service (2+0)x6", 12,
                        "Job gateway-reports-migrate 1x2", 2),
                budget);
    }

    /** Connections at most per workload, keyed by "Kind name (pods+surge)xpool". */
    static Map<String, Integer> budget(KubernetesObjects k8s) {
        Map<String, Integer> budget = new LinkedHashMap<>();
        for (Deployment deployment : k8s.of(Deployment.class)) {
            Optional<HorizontalPodAutoscaler> hpa = k8s.find(HorizontalPodAutoscaler.class, name(deployment));
            int pods = hpa.map(h -> h.getSpec().getMaxReplicas())
                    .orElseGet(() -> deployment.getSpec().getReplicas());
            int surge = surge(deployment.getSpec().getStrategy(), pods);
            for (Container container :
                    deployment.getSpec().getTemplate().getSpec().getContainers()) {
                Integer pool = pool(container, name(deployment));
                if (pool != null) {
                    budget.put(
                            "Deployment " + name(deployment) + " (" + pods + "+" + surge + ")x" + pool,
                            (pods + surge) * pool);
                }
            }
        }
        Job job = k8s.get(Job.class, MIGRATE_JOB);
        int parallelism = Optional.ofNullable(job.getSpec().getParallelism()).orElse(1);
        Container migrate =
                job.getSpec().getTemplate().getSpec().getContainers().get(0);
        int pool = pool(migrate, MIGRATE_JOB);
        budget.put("Job " + MIGRATE_JOB + " " + parallelism + "x" + pool, parallelism * pool);
        return budget;
    }

    /** A container's pool size; null for a container that is not ours and has no datasource (dev's Mailpit). */
    private static Integer pool(Container container, String where) {
        boolean datasource =
                KubernetesObjects.env(container, "QUARKUS_DATASOURCE_USERNAME").isPresent();
        if (!datasource) {
            return null;
        }
        String size = envValue(container, "QUARKUS_DATASOURCE_JDBC_MAX_SIZE");
        assertNotNull(size, where + ": no QUARKUS_DATASOURCE_JDBC_MAX_SIZE, its pool is the build's default here");
        return Integer.parseInt(size);
    }

    /** The pods a rolling update may add (maxSurge: a number or a percentage, rounded up; default 25%). */
    private static int surge(DeploymentStrategy strategy, int replicas) {
        if (strategy != null && "Recreate".equals(strategy.getType())) {
            return 0;
        }
        IntOrString value = strategy == null || strategy.getRollingUpdate() == null
                ? new IntOrString("25%")
                : strategy.getRollingUpdate().getMaxSurge();
        if (value == null) {
            value = new IntOrString("25%");
        }
        if (value.getIntVal() != null) {
            return value.getIntVal();
        }
        String text = value.getStrVal();
        return (int) Math.ceil(replicas * Integer.parseInt(text.substring(0, text.length() - 1)) / 100.0);
    }
}
