package dev.gatewayreports.reportapi.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * The installation's secrets key ({@code reports.secrets.key}) for one test run: 32 fresh random bytes, so no key is
 * ever committed. Tests read it back from the configuration to open what report-api sealed.
 */
public class SecretsKey implements QuarkusTestResourceLifecycleManager {
    @Override
    public Map<String, String> start() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Map.of("reports.secrets.key", Base64.getEncoder().encodeToString(key));
    }

    @Override
    public void stop() {
        // nothing to release
    }
}
