package dev.gatewayreports.deploy;

import static dev.gatewayreports.deploy.KubernetesObjects.SERVICES;
import static dev.gatewayreports.deploy.KubernetesObjects.container;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The image each Dockerfile's build instruction names ({@code docker build -f src/main/docker/Dockerfile.native -t
 * <image> .} in its header) is the image the manifests run: Dockerfile.native ↔ the prod render, Dockerfile.jvm ↔ the
 * dev render (components/jvm).
 */
class KubernetesDockerfileImagesTest {

    private static final Pattern BUILD = Pattern.compile("(?m)^#\\s+docker build .*?-t\\s+(\\S+)");

    @ParameterizedTest
    @CsvSource({"native, prod", "jvm, dev"})
    void shouldBuildTheImagesTheManifestsRun(String flavour, String overlay) throws IOException {
        KubernetesObjects k8s = KubernetesObjects.rendered(overlay);
        for (String service : SERVICES) {
            Path dockerfile = Path.of("..", service, "src", "main", "docker", "Dockerfile." + flavour);
            Matcher build = BUILD.matcher(Files.readString(dockerfile));
            List<String> tags = build.results().map(m -> m.group(1)).toList();
            assertEquals(
                    List.of(container(k8s.get(Deployment.class, service)).getImage()),
                    tags,
                    dockerfile + ": the `docker build -t` in its header must name the image " + overlay + " runs");
        }
    }
}
