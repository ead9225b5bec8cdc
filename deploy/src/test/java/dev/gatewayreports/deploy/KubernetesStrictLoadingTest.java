package dev.gatewayreports.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The loader behind every manifest test is not vacuous: the committed prod render with one deliberate mistake (a
 * misspelt field, a value of the wrong type, an unknown kind) fails to load, naming the mistake; unchanged, it loads.
 */
class KubernetesStrictLoadingTest {

    private static String prod;

    @BeforeAll
    static void read() throws IOException {
        prod = Files.readString(KubernetesObjects.RENDERED.resolve("prod.yaml"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"prod", "dev"})
    void shouldLoadEveryRenderedObjectIntoTheTypedModel(String overlay) throws IOException {
        String text = Files.readString(KubernetesObjects.RENDERED.resolve(overlay + ".yaml"));
        Matcher kinds = Pattern.compile("(?m)^kind: ").matcher(text);
        int documents = 0;
        while (kinds.find()) {
            documents++;
        }
        KubernetesObjects objects = KubernetesObjects.rendered(overlay);
        assertEquals(documents, objects.all().size(), overlay + ": every document became an object");
        assertTrue(documents > 30, overlay + ": " + documents + " documents");
    }

    @Test
    void shouldRefuseAMisspeltField() {
        String broken = replaceOnce(prod, "readOnlyRootFilesystem: true", "readOnlyRootFileSystem: true");
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> KubernetesObjects.parse(broken, "broken.yaml"));
        assertTrue(e.getMessage().contains("readOnlyRootFileSystem"), e.getMessage());
    }

    @Test
    void shouldRefuseAMisspeltFieldOfAServiceMonitor() {
        String broken = replaceOnce(prod, "path: /q/metrics", "pth: /q/metrics");
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> KubernetesObjects.parse(broken, "broken.yaml"));
        assertTrue(e.getMessage().contains("ServiceMonitor") && e.getMessage().contains("pth"), e.getMessage());
    }

    @Test
    void shouldRefuseAWordWhereKubernetesWantsANumber() {
        String broken = replaceOnce(prod, "maxReplicas: 4", "maxReplicas: four");
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> KubernetesObjects.parse(broken, "broken.yaml"));
        assertTrue(e.getMessage().contains("maxReplicas"), e.getMessage());
    }

    /** `value: 10` unquoted: the API server refuses a number for an env value; so does the loader. */
    @Test
    void shouldRefuseANumberWhereKubernetesWantsAString() {
        String broken = replaceOnce(prod, "value: \"10\"", "value: 10");
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> KubernetesObjects.parse(broken, "broken.yaml"));
        assertTrue(e.getMessage().contains("Deployment report-api"), e.getMessage());
    }

    @Test
    void shouldRefuseAQuotedNumberWhereKubernetesWantsANumber() {
        String broken = replaceOnce(prod, "terminationGracePeriodSeconds: 40", "terminationGracePeriodSeconds: \"40\"");
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> KubernetesObjects.parse(broken, "broken.yaml"));
        assertTrue(e.getMessage().contains("terminationGracePeriodSeconds"), e.getMessage());
    }

    @Test
    void shouldRefuseAKindWithoutAModelClass() {
        String broken = replaceOnce(prod, "apiVersion: autoscaling/v2", "apiVersion: autoscaling/v2beta2");
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> KubernetesObjects.parse(broken, "broken.yaml"));
        assertTrue(e.getMessage().contains("no model class for autoscaling/v2beta2"), e.getMessage());
    }

    @Test
    void shouldKeepWhatItLoads() {
        Deployment api = KubernetesObjects.parse(prod, "prod.yaml").get(Deployment.class, "report-api");
        assertEquals(
                Boolean.TRUE,
                KubernetesObjects.container(api).getSecurityContext().getReadOnlyRootFilesystem());
    }

    private static String replaceOnce(String text, String from, String to) {
        int at = text.indexOf(from);
        assertTrue(at >= 0, "the render no longer holds " + from);
        return text.substring(0, at) + to + text.substring(at + from.length());
    }
}
