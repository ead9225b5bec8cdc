package dev.gatewayreports.deploy;

import static dev.gatewayreports.deploy.KubernetesObjects.SERVICES;
import static dev.gatewayreports.deploy.KubernetesObjects.container;
import static dev.gatewayreports.deploy.KubernetesObjects.name;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * No secret value in production manifests, only clearly named throwaway ones in dev; every image from a registry,
 * pinned to an immutable release tag.
 */
class KubernetesSecretsAndImagesTest {

    /** registry host / path : tag — the host has a dot or a port (or is localhost), the tag is a release. */
    private static final Pattern PINNED =
            Pattern.compile("(?<host>[a-z0-9.-]+\\.[a-z]+|localhost)(:\\d+)?/[a-z0-9._/-]+:(?<tag>[A-Za-z0-9._-]+)");

    @Test
    void shouldHoldNoSecretInTheProdRender() {
        KubernetesObjects prod = KubernetesObjects.rendered("prod");
        assertEquals(
                0,
                prod.of(Secret.class).size(),
                "prod: Secrets are created by the operator, never rendered: "
                        + prod.of(Secret.class).stream()
                                .map(KubernetesObjects::name)
                                .toList());
    }

    /** The key of the installation's secrets key in its Secret (report-api and scheduler-service). */
    private static final String SECRETS_KEY = "secrets-key";

    /** Dev's Secrets are throwaway literals: every value but a user name says dev-only. */
    @Test
    void shouldHoldOnlyDevOnlyValuesInTheDevRender() {
        KubernetesObjects dev = KubernetesObjects.rendered("dev");
        assertFalse(dev.of(Secret.class).isEmpty());
        for (Secret secret : dev.of(Secret.class)) {
            Map<String, String> values = new HashMap<>();
            if (secret.getStringData() != null) {
                values.putAll(secret.getStringData());
            }
            if (secret.getData() != null) {
                secret.getData()
                        .forEach((k, v) -> values.put(
                                k, new String(java.util.Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
            }
            values.forEach((key, value) -> {
                if (SECRETS_KEY.equals(key)) {
                    // A key must be base64 of 32 bytes, so the dev-only marker is in the bytes it decodes to.
                    byte[] bytes = java.util.Base64.getDecoder().decode(value);
                    assertEquals(32, bytes.length, name(secret) + "/" + key + ": the key must be 32 bytes");
                    assertTrue(
                            new String(bytes, StandardCharsets.US_ASCII).startsWith("dev-only-"),
                            name(secret) + "/" + key + " does not decode to dev-only-…");
                } else if (!"username".equals(key)) {
                    assertTrue(value.startsWith("dev-only-"), name(secret) + "/" + key + " is not named dev-only-…");
                }
            });
        }
        String cursor =
                dev.get(Secret.class, "report-api-cursor").getStringData().get("cursor-secret");
        assertTrue(
                cursor.getBytes(StandardCharsets.UTF_8).length >= 32,
                "report-api refuses a cursor secret under 32 bytes");
    }

    @ParameterizedTest
    @ValueSource(strings = {"prod", "dev"})
    void shouldPullEveryImageFromARegistryByAnImmutableTag(String overlay) {
        KubernetesObjects k8s = KubernetesObjects.rendered(overlay);
        for (Map.Entry<String, PodTemplateSpec> entry : k8s.podTemplates().entrySet()) {
            for (Container container : entry.getValue().getSpec().getContainers()) {
                String image = container.getImage();
                var matcher = PINNED.matcher(image);
                assertTrue(
                        matcher.matches(),
                        overlay + " " + entry.getKey() + ": " + image + " has no registry or no tag");
                String tag = matcher.group("tag");
                assertFalse(tag.equals("latest") || tag.contains("SNAPSHOT"), image + ": a moving tag");
                assertFalse(tag.matches("\\d+"), image + ": a major version only is a moving tag");
            }
        }
    }

    /** Prod runs the native images, dev (components/jvm) the JVM ones: the names the Dockerfiles build. */
    @ParameterizedTest
    @ValueSource(strings = {"prod", "dev"})
    void shouldRunTheReleaseImagesOfEachService(String overlay) {
        KubernetesObjects k8s = KubernetesObjects.rendered(overlay);
        String flavour = "prod".equals(overlay) ? "native" : "jvm";
        for (String service : SERVICES) {
            assertEquals(
                    expectedImage(service, flavour),
                    container(k8s.get(Deployment.class, service)).getImage(),
                    overlay + " " + service);
        }
    }

    static String expectedImage(String service, String flavour) {
        return "ghcr.io/gateway-reports/" + service + ":0.1.0-" + flavour;
    }
}
