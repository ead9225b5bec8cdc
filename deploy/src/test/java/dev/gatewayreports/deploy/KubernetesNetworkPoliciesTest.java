package dev.gatewayreports.deploy;

import static dev.gatewayreports.deploy.KubernetesObjects.MIGRATE_JOB;
import static dev.gatewayreports.deploy.KubernetesObjects.SERVICES;
import static dev.gatewayreports.deploy.KubernetesObjects.name;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Default deny in both directions, then only what the system needs: DNS, PostgreSQL, the OIDC provider, SMTP for
 * scheduler-service, scheduler-service → report-api, the ingress controller → report-api, Prometheus → the management
 * port. Evaluated the way Kubernetes does: a rule's peers and ports against the labels of each rendered pod template.
 */
class KubernetesNetworkPoliciesTest {

    private static final Map<String, String> INGRESS_NAMESPACE = Map.of("kubernetes.io/metadata.name", "ingress-nginx");
    private static final Map<String, String> MONITORING_NAMESPACE = Map.of("kubernetes.io/metadata.name", "monitoring");

    /** One rule of one policy, flattened: which pods it applies to, in which direction, to or from whom, on which ports. */
    private record Rule(
            String policy,
            LabelSelector pods,
            boolean ingress,
            List<NetworkPolicyPeer> peers,
            List<NetworkPolicyPort> ports) {

        boolean appliesTo(Map<String, String> labels) {
            return selects(pods, labels);
        }

        boolean onPort(int port, String protocol) {
            return ports == null
                    || ports.isEmpty()
                    || ports.stream()
                            .anyMatch(p -> (p.getProtocol() == null ? "TCP" : p.getProtocol()).equals(protocol)
                                    && (p.getPort() == null
                                            || Integer.valueOf(port)
                                                    .equals(p.getPort().getIntVal())));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"prod", "dev"})
    void shouldDenyEverythingNotAllowedAndAllowSomethingForEveryPod(String overlay) {
        KubernetesObjects k8s = KubernetesObjects.rendered(overlay);
        NetworkPolicy deny = k8s.get(NetworkPolicy.class, "default-deny");
        assertTrue(isEmpty(deny.getSpec().getPodSelector()), "default-deny selects every pod");
        assertEquals(Set.of("Ingress", "Egress"), Set.copyOf(deny.getSpec().getPolicyTypes()));
        assertTrue(
                deny.getSpec().getIngress().isEmpty()
                        && deny.getSpec().getEgress().isEmpty(),
                "and allows nothing");
        for (Map.Entry<String, PodTemplateSpec> pod : k8s.podTemplates().entrySet()) {
            Map<String, String> labels = pod.getValue().getMetadata().getLabels();
            assertTrue(
                    rules(k8s).stream().anyMatch(r -> !isEmpty(r.pods()) && r.appliesTo(labels)),
                    overlay + " " + pod.getKey() + ": no policy names these pods, so default-deny cuts them off");
            assertTrue(
                    rules(k8s).stream()
                            .anyMatch(r -> !r.ingress()
                                    && r.appliesTo(labels)
                                    && r.onPort(53, "UDP")
                                    && r.peers().stream().anyMatch(p -> p.getNamespaceSelector() != null)),
                    overlay + " " + pod.getKey() + ": DNS");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"prod", "dev"})
    void shouldAcceptTrafficFromTheIngressControllerAtReportApiOnly(String overlay) {
        KubernetesObjects k8s = KubernetesObjects.rendered(overlay);
        Set<String> reachable = new TreeSet<>();
        for (Rule rule : rules(k8s)) {
            boolean fromIngressController = rule.ingress()
                    && rule.peers().stream()
                            .anyMatch(p -> p.getNamespaceSelector() != null
                                    && (isEmpty(p.getNamespaceSelector())
                                            || selects(p.getNamespaceSelector(), INGRESS_NAMESPACE)));
            if (fromIngressController) {
                k8s.podTemplates().forEach((pod, template) -> {
                    if (rule.appliesTo(template.getMetadata().getLabels())) {
                        reachable.add(pod);
                        assertTrue(rule.onPort(8080, "TCP") && rule.ports().size() == 1, rule.policy() + ": port");
                    }
                });
            }
        }
        assertEquals(Set.of("Deployment report-api"), reachable, overlay + ": pods the ingress namespace reaches");
    }

    @ParameterizedTest
    @ValueSource(strings = {"prod", "dev"})
    void shouldLetPrometheusScrapeTheManagementPortOfEachService(String overlay) {
        KubernetesObjects k8s = KubernetesObjects.rendered(overlay);
        for (String service : SERVICES) {
            Map<String, String> labels = podLabels(k8s, "Deployment " + service);
            assertTrue(
                    rules(k8s).stream()
                            .anyMatch(r -> r.ingress()
                                    && r.appliesTo(labels)
                                    && r.onPort(9000, "TCP")
                                    && r.peers().stream()
                                            .anyMatch(p -> p.getNamespaceSelector() != null
                                                    && selects(p.getNamespaceSelector(), MONITORING_NAMESPACE))),
                    overlay + " " + service + ": Prometheus to the management port");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"prod", "dev"})
    void shouldReachPostgresFromEveryServiceAndTheJobAndSmtpFromTheSchedulerOnly(String overlay) {
        KubernetesObjects k8s = KubernetesObjects.rendered(overlay);
        List<String> database =
                new ArrayList<>(SERVICES.stream().map(s -> "Deployment " + s).toList());
        database.add("Job " + MIGRATE_JOB);
        for (String pod : database) {
            Map<String, String> labels = podLabels(k8s, pod);
            assertTrue(
                    rules(k8s).stream().anyMatch(r -> !r.ingress() && r.appliesTo(labels) && r.onPort(5432, "TCP")),
                    overlay + " " + pod + ": egress to PostgreSQL (5432)");
        }
        ConfigMap mail = k8s.get(ConfigMap.class, "scheduler-service-mail");
        int smtp = Integer.parseInt(mail.getData().get("QUARKUS_MAILER_PORT"));
        Set<String> mailing = new TreeSet<>();
        for (Rule rule : rules(k8s)) {
            if (!rule.ingress() && rule.ports() != null && !rule.ports().isEmpty() && rule.onPort(smtp, "TCP")) {
                k8s.podTemplates().forEach((pod, template) -> {
                    if (rule.appliesTo(template.getMetadata().getLabels())) {
                        mailing.add(pod);
                    }
                });
            }
        }
        assertEquals(
                Set.of("Deployment scheduler-service"),
                mailing,
                overlay + ": egress to QUARKUS_MAILER_PORT " + smtp + " (scheduler-service-mail)");
        if ("dev".equals(overlay)) {
            Map<String, String> postgres = podLabels(k8s, "StatefulSet postgres");
            for (String pod : database) {
                Map<String, String> from = podLabels(k8s, pod);
                assertTrue(
                        rules(k8s).stream()
                                .anyMatch(r -> r.ingress()
                                        && r.appliesTo(postgres)
                                        && r.onPort(5432, "TCP")
                                        && r.peers().stream().anyMatch(p -> selects(p.getPodSelector(), from))),
                        "dev: the in-cluster PostgreSQL accepts " + pod);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"prod", "dev"})
    void shouldLetSchedulerServiceCallReportApiBothWays(String overlay) {
        KubernetesObjects k8s = KubernetesObjects.rendered(overlay);
        Map<String, String> scheduler = podLabels(k8s, "Deployment scheduler-service");
        Map<String, String> reportApi = podLabels(k8s, "Deployment report-api");
        assertTrue(
                rules(k8s).stream()
                        .anyMatch(r -> !r.ingress()
                                && r.appliesTo(scheduler)
                                && r.onPort(8080, "TCP")
                                && r.peers().stream().anyMatch(p -> selects(p.getPodSelector(), reportApi))),
                overlay + ": scheduler-service egress to report-api:8080");
        assertTrue(
                rules(k8s).stream()
                        .anyMatch(r -> r.ingress()
                                && r.appliesTo(reportApi)
                                && r.onPort(8080, "TCP")
                                && r.peers().stream().anyMatch(p -> selects(p.getPodSelector(), scheduler))),
                overlay + ": report-api ingress from scheduler-service");
        assertFalse(
                rules(k8s).stream()
                        .anyMatch(r -> r.ingress()
                                && r.appliesTo(scheduler)
                                && r.peers().stream()
                                        .anyMatch(p -> p.getNamespaceSelector() == null
                                                && selects(p.getPodSelector(), reportApi))),
                overlay + ": nothing calls scheduler-service's API from report-api");
    }

    private static Map<String, String> podLabels(KubernetesObjects k8s, String pod) {
        PodTemplateSpec template = k8s.podTemplates().get(pod);
        assertTrue(template != null, "no pods of " + pod);
        return template.getMetadata().getLabels();
    }

    private static List<Rule> rules(KubernetesObjects k8s) {
        List<Rule> rules = new ArrayList<>();
        for (NetworkPolicy policy : k8s.of(NetworkPolicy.class)) {
            var spec = policy.getSpec();
            spec.getIngress()
                    .forEach(i ->
                            rules.add(new Rule(name(policy), spec.getPodSelector(), true, i.getFrom(), i.getPorts())));
            spec.getEgress()
                    .forEach(e ->
                            rules.add(new Rule(name(policy), spec.getPodSelector(), false, e.getTo(), e.getPorts())));
        }
        return rules;
    }

    private static boolean isEmpty(LabelSelector selector) {
        return selector != null
                && (selector.getMatchLabels() == null
                        || selector.getMatchLabels().isEmpty())
                && (selector.getMatchExpressions() == null
                        || selector.getMatchExpressions().isEmpty());
    }

    /** Kubernetes' label selector semantics: matchLabels and every matchExpression (In, NotIn, Exists, DoesNotExist). */
    static boolean selects(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return false;
        }
        if (selector.getMatchLabels() != null
                && !selector.getMatchLabels().entrySet().stream()
                        .allMatch(e -> e.getValue().equals(labels.get(e.getKey())))) {
            return false;
        }
        if (selector.getMatchExpressions() == null) {
            return true;
        }
        return selector.getMatchExpressions().stream().allMatch(requirement(labels));
    }

    private static Predicate<LabelSelectorRequirement> requirement(Map<String, String> labels) {
        return r -> switch (r.getOperator()) {
            case "In" -> labels.containsKey(r.getKey()) && r.getValues().contains(labels.get(r.getKey()));
            case "NotIn" -> !labels.containsKey(r.getKey()) || !r.getValues().contains(labels.get(r.getKey()));
            case "Exists" -> labels.containsKey(r.getKey());
            case "DoesNotExist" -> !labels.containsKey(r.getKey());
            default -> throw new AssertionError("unknown selector operator " + r.getOperator());
        };
    }
}
