package dev.gatewayreports.scheduling.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The alert sender LISTENing on {@code alert_notification}, as in production. Off in the other tests: the evaluator
 * notifies on every firing, and a sender woken in the background would race the tests that drive {@code
 * NotificationSender.dispatchDue} themselves.
 */
public class NotifyListening implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("reports.notify.listen", "true");
    }
}
