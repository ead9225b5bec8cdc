package dev.gatewayreports.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.MapperConfig;
import tools.jackson.databind.introspect.Annotated;
import tools.jackson.databind.introspect.JacksonAnnotationIntrospector;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * The objects of a rendered manifest (deploy/k8s/rendered/*.yaml), each loaded into fabric8's typed Kubernetes model
 * as strictly as the API server reads it: an unknown field, a scalar of the wrong type (a number where Kubernetes wants
 * a string, or the reverse) or a kind this table does not know fails the load, naming the document and the field.
 *
 * <p>fabric8's model classes keep unknown fields in an {@code additionalProperties} map (a Jackson any-setter) instead
 * of refusing them; the mapper here ignores that any-setter, so Jackson's FAIL_ON_UNKNOWN_PROPERTIES applies.
 */
record KubernetesObjects(String origin, List<HasMetadata> all) {

    static final Path RENDERED = Path.of("k8s", "rendered");
    static final List<String> SERVICES = List.of("report-api", "aggregation-worker", "scheduler-service");
    static final String MIGRATE_JOB = "gateway-reports-migrate";

    /** apiVersion/kind → model class: a kind that is not here is refused rather than loaded untyped. */
    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.ofEntries(
            Map.entry("v1/Namespace", Namespace.class),
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("v1/ServiceAccount", ServiceAccount.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("apps/v1/StatefulSet", StatefulSet.class),
            Map.entry("batch/v1/Job", Job.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("networking.k8s.io/v1/Ingress", Ingress.class),
            Map.entry("monitoring.coreos.com/v1/ServiceMonitor", ServiceMonitor.class));

    private static final JsonMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .annotationIntrospector(new JacksonAnnotationIntrospector() {
                @Override
                public Boolean hasAnySetter(MapperConfig<?> config, Annotated annotated) {
                    return Boolean.FALSE;
                }
            })
            // Kubernetes' JSON decoding does not turn 8 into "8" or "8" into 8: neither do we.
            .withCoercionConfig(
                    LogicalType.Textual,
                    c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                            .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                            .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .withCoercionConfig(
                    LogicalType.Integer,
                    c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                            .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                            .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .withCoercionConfig(
                    LogicalType.Boolean,
                    c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                            .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail))
            .build();

    /** The committed render of an overlay: {@code prod} or {@code dev}. */
    static KubernetesObjects rendered(String overlay) {
        Path file = RENDERED.resolve(overlay + ".yaml");
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + " (run deploy/k8s/render.sh)", e);
        }
    }

    /** Every document of a multi-document YAML text, typed; fails on the first that does not load strictly. */
    static KubernetesObjects parse(String yaml, String origin) {
        List<HasMetadata> objects = new ArrayList<>();
        int index = 0;
        for (Object document : new Yaml(new LoaderOptions()).loadAll(yaml)) {
            index++;
            if (document == null) {
                continue;
            }
            JsonNode tree = STRICT.valueToTree(document);
            String key = tree.path("apiVersion").asString("") + "/"
                    + tree.path("kind").asString("");
            String where = origin + " document " + index + " (" + key + " "
                    + tree.path("metadata").path("name").asString("?") + ")";
            Class<? extends HasMetadata> type = KINDS.get(key);
            if (type == null) {
                throw new IllegalArgumentException(where + ": no model class for " + key);
            }
            try {
                objects.add(STRICT.treeToValue(tree, type));
            } catch (JacksonException e) {
                throw new IllegalArgumentException(
                        where + ": " + e.getOriginalMessage() + " at " + e.getPathReference(), e);
            }
        }
        return new KubernetesObjects(origin, List.copyOf(objects));
    }

    <T extends HasMetadata> List<T> of(Class<T> kind) {
        return all.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    <T extends HasMetadata> Optional<T> find(Class<T> kind, String name) {
        return of(kind).stream()
                .filter(o -> name.equals(o.getMetadata().getName()))
                .findFirst();
    }

    <T extends HasMetadata> T get(Class<T> kind, String name) {
        return find(kind, name)
                .orElseThrow(() -> new AssertionError(origin + ": no " + kind.getSimpleName() + " " + name));
    }

    /** Every pod template: Deployments, StatefulSets and Jobs, keyed by "Kind name". */
    Map<String, PodTemplateSpec> podTemplates() {
        Map<String, PodTemplateSpec> templates = new java.util.LinkedHashMap<>();
        of(Deployment.class)
                .forEach(d -> templates.put("Deployment " + name(d), d.getSpec().getTemplate()));
        of(StatefulSet.class)
                .forEach(
                        s -> templates.put("StatefulSet " + name(s), s.getSpec().getTemplate()));
        of(Job.class).forEach(j -> templates.put("Job " + name(j), j.getSpec().getTemplate()));
        return templates;
    }

    static String name(HasMetadata object) {
        return object.getMetadata().getName();
    }

    static Container container(Deployment deployment) {
        List<Container> containers =
                deployment.getSpec().getTemplate().getSpec().getContainers();
        if (containers.size() != 1) {
            throw new AssertionError(name(deployment) + ": expected one container, found " + containers.size());
        }
        return containers.get(0);
    }

    static Optional<EnvVar> env(Container container, String name) {
        return container.getEnv() == null
                ? Optional.empty()
                : container.getEnv().stream()
                        .filter(e -> name.equals(e.getName()))
                        .findFirst();
    }

    /** A literal env value, or null when the variable is absent or comes from elsewhere. */
    static String envValue(Container container, String name) {
        return env(container, name).map(EnvVar::getValue).orElse(null);
    }
}
