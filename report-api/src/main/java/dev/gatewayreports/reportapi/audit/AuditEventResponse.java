package dev.gatewayreports.reportapi.audit;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One audit row as the API shows it: who ({@code actor}), what ({@code action}, {@code target}), when. */
public record AuditEventResponse(
        long id,
        @JsonProperty("occurred_at") Instant occurredAt,
        String action,
        ActorView actor,
        Target target,

        @Schema(description = "A few details of the action (never a secret)")
        JsonNode details) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * Who acted.
     *
     * @param kind {@code user}, {@code service_key}, {@code service} (report_service) — operators and system runs
     *     are system-wide and never listed here
     */
    @Schema(name = "AuditActor")
    public record ActorView(
            String kind,
            String subject,
            String email,
            @JsonProperty("key_id") String keyId,
            @JsonProperty("client_id") String clientId) {}

    /** What was acted on: a type ({@code service_key}, {@code team}, {@code schedule}, …) and its id. */
    @Schema(name = "AuditTarget")
    public record Target(String type, String id) {}

    static JsonNode details(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit details are not JSON", e);
        }
    }
}
