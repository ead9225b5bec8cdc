package dev.gatewayreports.deploy;

import static dev.gatewayreports.deploy.KubernetesObjects.MIGRATE_JOB;
import static dev.gatewayreports.deploy.KubernetesObjects.SERVICES;
import static dev.gatewayreports.deploy.KubernetesObjects.container;
import static dev.gatewayreports.deploy.KubernetesObjects.env;
import static dev.gatewayreports.deploy.KubernetesObjects.envValue;
import static dev.gatewayreports.deploy.KubernetesObjects.name;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.Endpoint;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The invariants a platform team checks in a rendered overlay (deploy/k8s/rendered/{prod,dev}.yaml), on the typed
 * objects of {@link KubernetesObjects}: every service deployed, exposed, autoscaled or fixed, disruption-budgeted,
 * spread, scraped, probed on its management port, sized (ephemeral storage included), restricted, shut down
 * gracefully, with the runtime database role only and the migration Job as the migrator.
 */
class KubernetesManifestsTest {

    private static final Set<String> AUTOSCALED = Set.of("report-api", "aggregation-worker");

    @ParameterizedTest
    @ValueSource(strings = {"prod", "dev"})
    void shouldDeployExposeAndBudgetEachService(String overlay) {
        KubernetesObjects k8s = KubernetesObjects.rendered(overlay);
        for (String service : SERVICES) {
            Deployment deployment = k8s.get(Deployment.class, service);
            Map<String, String> podLabels =
                    deployment.getSpec().getTemplate().getMetadata().getLabels();
            Service svc = k8s.get(Service.class, service);
            assertTrue(matches(svc.getSpec().getSelector(), podLabels), service + ": Service selects its pods");
            assertEquals(
                    Map.of("http", "http", "management", "management"),
                    svc.getSpec().getPorts().stream()
                            .collect(Collectors.toMap(
                                    ServicePort::getName, p -> p.getTargetPort().getStrVal())),
                    service + ": Service ports");
            PodDisruptionBudget pdb = k8s.get(PodDisruptionBudget.class, service);
            assertTrue(
                    matches(pdb.getSpec().getSelector().getMatchLabels(), podLabels),
                    service + ": PodDisruptionBudget selects its pods");
            assertEquals(1, pdb.getSpec().getMaxUnavailable().getIntVal(), service + ": drains never blocked");
            assertEquals(
                    Set.of("topology.kubernetes.io/zone", "kubernetes.io/hostname"),
                    deployment.getSpec().getTemplate().getSpec().getTopologySpreadConstraints().stream()
                            .filter(c -> matches(c.getLabelSelector().getMatchLabels(), podLabels))
                            .map(TopologySpreadConstraint::getTopologyKey)
                            .collect(Collectors.toSet()),
                    service + ": spread over zones and nodes");
        }
        for (HorizontalPodAutoscaler hpa : k8s.of(HorizontalPodAutoscaler.class)) {
            assertEquals("Deployment", hpa.getSpec().getScaleTargetRef().getKind());
            assertEquals(name(hpa), hpa.getSpec().getScaleTargetRef().getName());
            assertNull(
                    k8s.get(Deployment.class, name(hpa)).getSpec().getReplicas(),
                    name(hpa) + ": the autoscaler owns replicas (an apply would reset them)");
        }
        assertEquals(
                AUTOSCALED,
                k8s.of(HorizontalPodAutoscaler.class).stream()
                        .map(KubernetesObjects::name)
                        .collect(Collectors.toSet()));
        int schedulers =
                k8s.get(Deployment.class, "scheduler-service").getSpec().getReplicas();
        assertEquals("prod".equals(overlay) ? 2 : 1, schedulers, "scheduler-service: fixed replicas");
        if ("prod".equals(overlay)) {
            assertTrue(
                    k8s.get(HorizontalPodAutoscaler.class, "report-api")
                                    .getSpec()
                                    .getMinReplicas()
                            >= 2,
                    "report-api: two pods at least, so a rollout or a drain never leaves none");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"prod", "dev"})
    void shouldScrapeEachServiceOnItsManagementPort(String overlay) {
        KubernetesObjects k8s = KubernetesObjects.rendered(overlay);
        for (String service : SERVICES) {
            ServiceMonitor monitor = k8s.get(ServiceMonitor.class, service);
            assertTrue(
                    matches(
                            monitor.getSpec().getSelector().getMatchLabels(),
                            k8s.get(Service.class, service).getMetadata().getLabels()),
                    service + ": ServiceMonitor selects the Service");
            List<Endpoint> endpoints = monitor.getSpec().getEndpoints();
            assertEquals(1, endpoints.size());
            assertEquals("management", endpoints.get(0).getPort(), service);
            assertEquals("/q/metrics", endpoints.get(0).getPath(), service);
            Container container = container(k8s.get(Deployment.class, service));
            assertEquals("9000", envValue(container, "QUARKUS_MANAGEMENT_PORT"), service);
            assertEquals(
                    9000,
                    container.getPorts().stream()
                            .filter(p -> "management".equals(p.getName()))
                            .findFirst()
                            .orElseThrow()
                            .getContainerPort(),
                    service);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"prod", "dev"})
    void shouldProbeEachServiceOnSmallRyeHealthPathsOfTheManagementPort(String overlay) {
        KubernetesObjects k8s = KubernetesObjects.rendered(overlay);
        for (String service : SERVICES) {
            Container container = container(k8s.get(Deployment.class, service));
            assertProbe(service, container.getStartupProbe(), "/q/health/started");
            assertProbe(service, container.getReadinessProbe(), "/q/health/ready");
            assertProbe(service, container.getLivenessProbe(), "/q/health/live");
        }
    }

    /** Pod Security "restricted", no service-account token, for every pod (dev's PostgreSQL and Mailpit too). */
    @ParameterizedTest
    @ValueSource(strings = {"prod", "dev"})
    void shouldRunEveryPodRestrictedWithoutAServiceAccountToken(String overlay) {
        KubernetesObjects k8s = KubernetesObjects.rendered(overlay);
        for (Map.Entry<String, PodTemplateSpec> entry : k8s.podTemplates().entrySet()) {
            String where = overlay + " " + entry.getKey();
            PodSpec pod = entry.getValue().getSpec();
            assertEquals(
                    Boolean.FALSE, pod.getAutomountServiceAccountToken(), where + ": automountServiceAccountToken");
            assertEquals(Boolean.TRUE, pod.getSecurityContext().getRunAsNonRoot(), where + ": runAsNonRoot");
            assertEquals(
                    "RuntimeDefault",
                    pod.getSecurityContext().getSeccompProfile().getType(),
                    where);
            assertFalse(Boolean.TRUE.equals(pod.getHostNetwork()), where + ": hostNetwork");
            assertTrue(pod.getVolumes().stream().allMatch(v -> v.getHostPath() == null), where + ": hostPath");
            for (Container container : pod.getContainers()) {
                var security = container.getSecurityContext();
                assertEquals(Boolean.FALSE, security.getAllowPrivilegeEscalation(), where);
                assertEquals(Boolean.TRUE, security.getReadOnlyRootFilesystem(), where);
                assertEquals(List.of("ALL"), security.getCapabilities().getDrop(), where);
                assertFalse(Boolean.TRUE.equals(security.getPrivileged()), where);
            }
        }
        for (ServiceAccount account : k8s.of(ServiceAccount.class)) {
            assertEquals(Boolean.FALSE, account.getAutomountServiceAccountToken(), name(account));
        }
        for (String service : SERVICES) {
            assertEquals(
                    service,
                    k8s.get(Deployment.class, service)
                            .getSpec()
                            .getTemplate()
                            .getSpec()
                            .getServiceAccountName(),
                    service + ": its own ServiceAccount");
        }
    }

    /**
     * CPU, memory and ephemeral storage requested and limited in every container; every emptyDir has a sizeLimit and
     * they fit in the pod's ephemeral-storage limit (an emptyDir on the node's disk counts against it). report-api's
     * /tmp, where the XLSX export spools, is an emptyDir of at least 1Gi.
     */
    @ParameterizedTest
    @ValueSource(strings = {"prod", "dev"})
    void shouldSizeEveryContainerAndEveryScratchVolume(String overlay) {
        KubernetesObjects k8s = KubernetesObjects.rendered(overlay);
        for (Map.Entry<String, PodTemplateSpec> entry : k8s.podTemplates().entrySet()) {
            String where = overlay + " " + entry.getKey();
            PodSpec pod = entry.getValue().getSpec();
            long ephemeralLimit = 0;
            for (Container container : pod.getContainers()) {
                ResourceRequirements resources = container.getResources();
                for (String resource : List.of("cpu", "memory", "ephemeral-storage")) {
                    assertNotNull(resources.getRequests().get(resource), where + ": requests." + resource);
                    assertNotNull(resources.getLimits().get(resource), where + ": limits." + resource);
                    assertTrue(
                            Quantity.getAmountInBytes(resources.getRequests().get(resource))
                                            .compareTo(Quantity.getAmountInBytes(
                                                    resources.getLimits().get(resource)))
                                    <= 0,
                            where + ": request of " + resource + " above its limit");
                }
                ephemeralLimit += bytes(resources.getLimits().get("ephemeral-storage"));
            }
            long scratch = 0;
            for (Volume volume : pod.getVolumes()) {
                if (volume.getEmptyDir() != null) {
                    Quantity size = volume.getEmptyDir().getSizeLimit();
                    assertNotNull(size, where + ": emptyDir " + volume.getName() + " has no sizeLimit");
                    scratch += bytes(size);
                }
            }
            assertTrue(
                    scratch < ephemeralLimit,
                    where + ": emptyDirs of " + scratch + " bytes exceed the ephemeral-storage limit "
                            + ephemeralLimit);
        }
        for (String service : SERVICES) {
            PodSpec pod =
                    k8s.get(Deployment.class, service).getSpec().getTemplate().getSpec();
            String tmp = container(k8s.get(Deployment.class, service)).getVolumeMounts().stream()
                    .filter(m -> "/tmp".equals(m.getMountPath()))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(service + ": no /tmp mount"))
                    .getName();
            Volume volume = pod.getVolumes().stream()
                    .filter(v -> tmp.equals(v.getName()))
                    .findFirst()
                    .orElseThrow();
            assertNotNull(volume.getEmptyDir(), service + ": /tmp is an emptyDir");
            if ("report-api".equals(service)) {
                assertTrue(
                        bytes(volume.getEmptyDir().getSizeLimit()) >= 1L << 30, "report-api: /tmp holds XLSX exports");
            }
        }
    }

    /**
     * A terminating pod keeps serving through the preStop pause (endpoints and the ingress drop it late), then Quarkus
     * finishes its in-flight requests within quarkus.shutdown.timeout; the grace period must cover both, or the
     * kubelet kills requests mid-way.
     */
    @ParameterizedTest
    @ValueSource(strings = {"prod", "dev"})
    void shouldGiveInFlightRequestsTimeToFinishBeforeTheKill(String overlay) {
        KubernetesObjects k8s = KubernetesObjects.rendered(overlay);
        for (String service : SERVICES) {
            Deployment deployment = k8s.get(Deployment.class, service);
            Container container = container(deployment);
            assertNotNull(container.getLifecycle(), service + ": no preStop");
            var sleep = container.getLifecycle().getPreStop().getSleep();
            assertNotNull(sleep, service + ": preStop is Kubernetes' sleep action");
            long preStop = sleep.getSeconds();
            assertTrue(preStop >= 5, service + ": a preStop pause of " + preStop + " s is shorter than endpoint lag");
            String timeout = envValue(container, "QUARKUS_SHUTDOWN_TIMEOUT");
            assertNotNull(timeout, service + ": QUARKUS_SHUTDOWN_TIMEOUT set explicitly");
            long shutdown = Duration.parse("PT" + timeout.toUpperCase()).toSeconds();
            long grace = deployment.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds();
            assertTrue(
                    grace > preStop + shutdown,
                    service + ": terminationGracePeriodSeconds " + grace + " <= preStop " + preStop
                            + " + shutdown timeout " + shutdown);
        }
    }

    /**
     * The migrator role (DDL) reaches the Job only; every service runs as the runtime role, does not migrate at start,
     * and report-api signs cursors with the shared key.
     */
    @ParameterizedTest
    @ValueSource(strings = {"prod", "dev"})
    void shouldMigrateInTheJobAsTheMigratorAndRunServicesAsTheRuntimeRole(String overlay) {
        KubernetesObjects k8s = KubernetesObjects.rendered(overlay);
        Job job = k8s.get(Job.class, MIGRATE_JOB);
        List<Container> jobContainers = job.getSpec().getTemplate().getSpec().getContainers();
        assertEquals(1, jobContainers.size());
        Container migrate = jobContainers.get(0);
        assertEquals(
                container(k8s.get(Deployment.class, "report-api")).getImage(),
                migrate.getImage(),
                "the Job runs report-api's own image");
        assertEquals("true", envValue(migrate, "QUARKUS_INIT_AND_EXIT"));
        assertEquals("true", envValue(migrate, "QUARKUS_FLYWAY_MIGRATE_AT_START"));
        assertEquals("gateway_reports_app", envValue(migrate, "QUARKUS_FLYWAY_PLACEHOLDERS_RUNTIME_ROLE"));
        assertSecretRef(migrate, "QUARKUS_DATASOURCE_USERNAME", "gateway-reports-db-migrator", "username");
        assertSecretRef(migrate, "QUARKUS_DATASOURCE_PASSWORD", "gateway-reports-db-migrator", "password");
        assertEquals("Never", job.getSpec().getTemplate().getSpec().getRestartPolicy());
        assertEquals(
                Set.of("gateway-reports-db-migrator"),
                secretsReferenced(job.getSpec().getTemplate().getSpec()),
                "the Job gets the migrator's credentials and nothing else");

        for (Deployment deployment : k8s.of(Deployment.class)) {
            assertFalse(
                    secretsReferenced(deployment.getSpec().getTemplate().getSpec())
                            .contains("gateway-reports-db-migrator"),
                    name(deployment) + " must not get the migrator's credentials");
        }
        for (String service : SERVICES) {
            Container container = container(k8s.get(Deployment.class, service));
            assertEquals("false", envValue(container, "QUARKUS_FLYWAY_MIGRATE_AT_START"), service);
            assertSecretRef(container, "QUARKUS_DATASOURCE_USERNAME", "gateway-reports-db", "username");
            assertSecretRef(container, "QUARKUS_DATASOURCE_PASSWORD", "gateway-reports-db", "password");
        }
        assertSecretRef(
                container(k8s.get(Deployment.class, "report-api")),
                "REPORTS_ADMIN_CURSOR_SECRET",
                "report-api-cursor",
                "cursor-secret");
        // One installation key for the two services that seal and open secrets (alert webhooks): one Secret.
        for (String service : List.of("report-api", "scheduler-service")) {
            assertSecretRef(
                    container(k8s.get(Deployment.class, service)),
                    "REPORTS_SECRETS_KEY",
                    "gateway-reports-secrets-key",
                    "secrets-key");
        }
    }

    /** Kubernetes applies in one go; what the Job needs is labelled to be applied before it, the services after. */
    @ParameterizedTest
    @ValueSource(strings = {"prod", "dev"})
    void shouldLabelTheApplyOrderSoTheJobFindsWhatItNeeds(String overlay) {
        KubernetesObjects k8s = KubernetesObjects.rendered(overlay);
        Job job = k8s.get(Job.class, MIGRATE_JOB);
        assertEquals("migrate", stage(job), "the Job is applied on its own");
        PodSpec pod = job.getSpec().getTemplate().getSpec();
        assertEquals(
                "prepare",
                stage(k8s.get(ServiceAccount.class, pod.getServiceAccountName())),
                "the Job's ServiceAccount");
        for (var from : pod.getContainers().get(0).getEnvFrom()) {
            String configMap = from.getConfigMapRef().getName();
            assertEquals(
                    "prepare",
                    stage(k8s.get(io.fabric8.kubernetes.api.model.ConfigMap.class, configMap)),
                    "ConfigMap " + configMap);
        }
        for (var policy : k8s.of(io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy.class)) {
            assertEquals("prepare", stage(policy), "NetworkPolicy " + name(policy));
        }
        for (var namespace : k8s.of(io.fabric8.kubernetes.api.model.Namespace.class)) {
            assertEquals("prepare", stage(namespace), "Namespace");
        }
        for (String secret : secretsReferenced(pod)) {
            k8s.find(io.fabric8.kubernetes.api.model.Secret.class, secret)
                    .ifPresent(s -> assertEquals("prepare", stage(s), "Secret " + secret));
        }
        for (String service : SERVICES) {
            assertNull(stage(k8s.get(Deployment.class, service)), service + ": rolled in the last step");
        }
    }

    private static String stage(io.fabric8.kubernetes.api.model.HasMetadata object) {
        Map<String, String> labels = object.getMetadata().getLabels();
        return labels == null ? null : labels.get("gateway-reports.dev/apply-stage");
    }

    private static Set<String> secretsReferenced(PodSpec pod) {
        Set<String> names = new TreeSet<>();
        for (Container container : pod.getContainers()) {
            if (container.getEnv() != null) {
                container.getEnv().stream()
                        .map(EnvVar::getValueFrom)
                        .filter(v -> v != null && v.getSecretKeyRef() != null)
                        .forEach(v -> names.add(v.getSecretKeyRef().getName()));
            }
            if (container.getEnvFrom() != null) {
                container.getEnvFrom().stream()
                        .filter(f -> f.getSecretRef() != null)
                        .forEach(f -> names.add(f.getSecretRef().getName()));
            }
        }
        if (pod.getVolumes() != null) {
            pod.getVolumes().stream()
                    .filter(v -> v.getSecret() != null)
                    .forEach(v -> names.add(v.getSecret().getSecretName()));
        }
        return names;
    }

    private static void assertSecretRef(Container container, String variable, String secret, String key) {
        EnvVar env = env(container, variable)
                .orElseThrow(() -> new AssertionError(container.getName() + ": no " + variable));
        assertNotNull(env.getValueFrom(), container.getName() + ": " + variable + " must come from a Secret");
        SecretKeySelector ref = env.getValueFrom().getSecretKeyRef();
        assertNotNull(ref, container.getName() + ": " + variable + " must come from a Secret");
        assertEquals(secret, ref.getName(), container.getName() + ": " + variable);
        assertEquals(key, ref.getKey(), container.getName() + ": " + variable);
    }

    private static void assertProbe(String service, Probe probe, String path) {
        assertNotNull(probe, service + ": no probe for " + path);
        HTTPGetAction get = probe.getHttpGet();
        assertNotNull(get, service + ": " + path + " is an HTTP probe");
        assertEquals(path, get.getPath(), service);
        assertEquals(
                "management", get.getPort().getStrVal(), service + ": the public port has no /q/health in production");
    }

    static boolean matches(Map<String, String> selector, Map<String, String> labels) {
        return selector != null
                && !selector.isEmpty()
                && labels != null
                && selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }

    static long bytes(Quantity quantity) {
        return Quantity.getAmountInBytes(quantity).longValueExact();
    }
}
