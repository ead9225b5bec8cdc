package dev.gatewayreports.reportapi.webhooks;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A rule's or a schedule's new webhook signing secret, shown once. */
@Schema(name = "WebhookSecret")
public record WebhookSecretResponse(
        @JsonProperty("webhook_secret") @Schema(example = "whsec_3f9a…")
        String webhookSecret) {}
