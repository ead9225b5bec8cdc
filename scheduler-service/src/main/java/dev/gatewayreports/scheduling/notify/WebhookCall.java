package dev.gatewayreports.scheduling.notify;

import dev.gatewayreports.model.secrets.SecretBox;
import dev.gatewayreports.scheduling.delivery.DeliveryFailure;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * One signed webhook request (docs/webhooks.md), for alert notifications and scheduled reports alike: the sealed
 * secret opened with the installation key, the body signed at the attempt's time, POSTed, and the answer sorted
 * into delivered (2xx), worth a retry (408, 429, 5xx, no answer) or not (anything else).
 */
@ApplicationScoped
public class WebhookCall {
    private final WebhookClient client;
    private final Optional<String> secretsKey;
    private volatile SecretBox box;

    public WebhookCall(
            WebhookClient client, @ConfigProperty(name = "reports.secrets.key") Optional<String> secretsKey) {
        this.client = client;
        this.secretsKey = secretsKey;
    }

    /**
     * POSTs {@code body} to {@code url} with the event-id and signature headers and answers the 2xx status; throws
     * a {@link DeliveryFailure} carrying the receiver's status (0 when no answer came), permanent unless retrying
     * can help.
     */
    public int post(String url, String secret, String eventId, byte[] body, Instant at) {
        String signature = WebhookSignature.header(secret, at.getEpochSecond(), body);
        int status = client.post(
                url, body, Map.of(WebhookSignature.EVENT_ID_HEADER, eventId, WebhookSignature.HEADER, signature));
        if (status >= 200 && status < 300) {
            return status;
        }
        boolean retry = status == 408 || status == 429 || status >= 500;
        String error = "HTTP " + status + (status >= 300 && status < 400 ? " (redirects are not followed)" : "");
        throw new DeliveryFailure(error, !retry, status);
    }

    /**
     * The signing secret sealed for {@code ownerId} (an alert rule's or a schedule's id), opened with {@code
     * reports.secrets.key}; a retryable failure when that key is missing or does not open it.
     */
    public String secret(String ownerId, String sealed) {
        try {
            return box().open(ownerId, sealed);
        } catch (IllegalArgumentException e) {
            // Not the secret's fault: a key being rotated or misconfigured; retried until fixed or given up.
            throw new DeliveryFailure("the webhook secret does not open with reports.secrets.key", false);
        }
    }

    private SecretBox box() {
        SecretBox b = box;
        if (b == null) {
            b = SecretBox.fromBase64(
                    secretsKey.orElseThrow(() -> new DeliveryFailure("reports.secrets.key is not configured", false)));
            box = b;
        }
        return b;
    }
}
