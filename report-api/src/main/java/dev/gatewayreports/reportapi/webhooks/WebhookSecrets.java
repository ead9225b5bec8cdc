package dev.gatewayreports.reportapi.webhooks;

import dev.gatewayreports.model.secrets.SecretBox;
import dev.gatewayreports.reportapi.errors.ApiException;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Makes and seals the webhooks' signing secrets (alert rules' and report schedules') with the installation's key, {@code reports.secrets.key} (env
 * {@code REPORTS_SECRETS_KEY}: base64 of 32 random bytes, the same for report-api and scheduler-service, which opens
 * them to sign). Without a key webhooks are refused (400 naming {@code webhook_url}); a key that is not 32 bytes of
 * base64 stops report-api at start.
 */
@Startup
@ApplicationScoped
public class WebhookSecrets {
    public static final String PREFIX = "whsec_";

    private final Optional<SecretBox> box;

    public WebhookSecrets(@ConfigProperty(name = "reports.secrets.key") Optional<String> key) {
        this.box = key.filter(k -> !k.isBlank()).map(WebhookSecrets::box);
    }

    private static SecretBox box(String key) {
        try {
            return SecretBox.fromBase64(key);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(
                    "reports.secrets.key (env REPORTS_SECRETS_KEY) must be the base64 of 32 random bytes", e);
        }
    }

    /**
     * A new secret and its sealed form for the rule or schedule {@code ownerId} (the associated data it is sealed
     * with); 400 on {@code webhook_url} when no key is configured.
     */
    public Sealed create(String ownerId) {
        SecretBox secrets = box.orElseThrow(
                () -> ApiException.invalid("webhook_url", "webhooks are not configured on this installation"));
        String secret = SecretBox.newSecret(PREFIX);
        return new Sealed(secret, secrets.seal(ownerId, secret));
    }

    /** A secret to show once and what is stored of it. */
    public record Sealed(String secret, String sealed) {
        @Override
        public String toString() {
            return "Sealed[secret=…, sealed=…]"; // never in a log line
        }
    }
}
