package dev.gatewayreports.reportapi.quotas;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** Small quotas, so a test reaches them in a few requests. The ingest window is long: no boundary mid-test. */
public class TightQuotas implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "reports.quotas.sends-per-user", "2",
                "reports.quotas.sends-per-organization", "3",
                "reports.quotas.ingest.requests-per-key", "3",
                "reports.quotas.ingest.events-per-key", "10",
                "reports.quotas.ingest.window", "P3650D");
    }
}
