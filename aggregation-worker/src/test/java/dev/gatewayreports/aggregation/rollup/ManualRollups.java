package dev.gatewayreports.aggregation.rollup;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** Tests drive rollup cycles themselves: the scheduled job stays off so it cannot race them. */
public class ManualRollups implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("aggregation.enabled", "false");
    }
}
