package dev.gatewayreports.scheduling.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/** A random installation key ({@code reports.secrets.key}) per test run: no key is ever committed. */
public class SecretsKeyResource implements QuarkusTestResourceLifecycleManager {
    private static String key;

    @Override
    public Map<String, String> start() {
        return Map.of("reports.secrets.key", key());
    }

    @Override
    public void stop() {}

    /** The key this run's services open webhook secrets with (tests seal with it). */
    public static synchronized String key() {
        if (key == null) {
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            key = Base64.getEncoder().encodeToString(bytes);
        }
        return key;
    }
}
