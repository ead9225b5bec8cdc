package dev.gatewayreports.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The committed renders (what every other Kubernetes test reads) are what the overlays render today. Needs kubectl
 * (kustomize built in) on the PATH; without it the test is skipped and says so: the committed render is then checked,
 * not the overlays.
 */
class KubernetesRenderFreshnessTest {

    private static final Path K8S = Path.of("k8s");

    @Test
    void shouldRenderEveryOverlayIntoACommittedFile() throws IOException {
        assertEquals(overlays(), renders(), "deploy/k8s/rendered/ holds one render per overlay (run render.sh)");
    }

    @Test
    void shouldMatchAFreshRenderOfEachOverlay() throws IOException, InterruptedException {
        Path kubectl = onPath("kubectl");
        assumeTrue(
                kubectl != null,
                "kubectl is not on the PATH: the committed renders in deploy/k8s/rendered were not compared with the"
                        + " overlays (deploy/k8s/render.sh --check does it where kubectl is installed)");
        for (String overlay : overlays()) {
            Process process = new ProcessBuilder(
                            kubectl.toString(),
                            "kustomize",
                            K8S.resolve("overlays").resolve(overlay).toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            String fresh = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(true, process.waitFor(60, TimeUnit.SECONDS), "kubectl kustomize " + overlay + " timed out");
            assertEquals(0, process.exitValue(), "kubectl kustomize " + overlay + " failed");
            String committed = Files.readString(K8S.resolve("rendered").resolve(overlay + ".yaml"));
            String body = committed.substring(committed.indexOf('\n') + 1);
            assertEquals(fresh, body, "deploy/k8s/rendered/" + overlay + ".yaml is stale: run deploy/k8s/render.sh");
        }
    }

    private static Set<String> overlays() throws IOException {
        try (Stream<Path> list = Files.list(K8S.resolve("overlays"))) {
            return list.filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString())
                    .collect(Collectors.toSet());
        }
    }

    private static Set<String> renders() throws IOException {
        try (Stream<Path> list = Files.list(K8S.resolve("rendered"))) {
            return list.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml"))
                    .map(n -> n.substring(0, n.length() - ".yaml".length()))
                    .collect(Collectors.toSet());
        }
    }

    private static Path onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        return Arrays.stream(path.split(File.pathSeparator))
                .map(dir -> Path.of(dir, program))
                .filter(Files::isExecutable)
                .findFirst()
                .orElse(null);
    }
}
