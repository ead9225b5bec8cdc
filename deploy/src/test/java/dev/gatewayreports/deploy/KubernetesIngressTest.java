package dev.gatewayreports.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The only Ingress routes to report-api's public port over TLS, and lets through exactly the bodies report-api itself
 * accepts: nginx's proxy-body-size equals report-api's quarkus.http.limits.max-body-size (16 MiB), so a larger body gets
 * report-api's own 413 and a smaller one never nginx's.
 */
class KubernetesIngressTest {

    private static final String BODY_SIZE = "nginx.ingress.kubernetes.io/proxy-body-size";

    @ParameterizedTest
    @ValueSource(strings = {"prod", "dev"})
    void shouldRouteOnlyReportApiOverTlsWithItsBodyLimit(String overlay) throws IOException {
        KubernetesObjects k8s = KubernetesObjects.rendered(overlay);
        assertEquals(1, k8s.of(Ingress.class).size(), overlay + ": one Ingress");
        Ingress ingress = k8s.of(Ingress.class).get(0);
        for (var rule : ingress.getSpec().getRules()) {
            for (HTTPIngressPath path : rule.getHttp().getPaths()) {
                assertEquals("report-api", path.getBackend().getService().getName());
                assertEquals("http", path.getBackend().getService().getPort().getName(), "never the management port");
            }
            assertTrue(
                    ingress.getSpec().getTls().stream()
                            .anyMatch(t -> t.getHosts().contains(rule.getHost())),
                    rule.getHost() + " is served over TLS");
        }
        for (IngressTLS tls : ingress.getSpec().getTls()) {
            assertNotNull(tls.getSecretName(), "TLS names its certificate's Secret");
            assertNull(
                    k8s.find(io.fabric8.kubernetes.api.model.Secret.class, tls.getSecretName())
                            .orElse(null),
                    "the certificate is the operator's, never rendered");
        }
        long nginx = nginxSize(ingress.getMetadata().getAnnotations().get(BODY_SIZE));
        long quarkus = quarkusMemorySize(reportApiProperty("quarkus.http.limits.max-body-size"));
        assertEquals(quarkus, nginx, BODY_SIZE + " must equal report-api's quarkus.http.limits.max-body-size");
        assertEquals(16L << 20, nginx, "ingest's 16 MiB");
    }

    private static String reportApiProperty(String key) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(
                Path.of("..", "report-api", "src", "main", "resources", "application.properties"))) {
            properties.load(reader);
        }
        String value = properties.getProperty(key);
        assertNotNull(value, "report-api's application.properties has no " + key);
        return value.strip();
    }

    /** nginx sizes: bytes, or k/m/g (binary multiples, either case). */
    static long nginxSize(String text) {
        assertNotNull(text, "no " + BODY_SIZE);
        return scaled(text.toLowerCase(Locale.ROOT), "kmg");
    }

    /** Quarkus MemorySize: bytes, or K/M/G/T (binary multiples, either case). */
    static long quarkusMemorySize(String text) {
        return scaled(text.toLowerCase(Locale.ROOT), "kmgt");
    }

    private static long scaled(String text, String units) {
        char last = text.charAt(text.length() - 1);
        int unit = units.indexOf(last);
        if (unit < 0) {
            return Long.parseLong(text);
        }
        return Long.parseLong(text.substring(0, text.length() - 1)) << (10 * (unit + 1));
    }
}
