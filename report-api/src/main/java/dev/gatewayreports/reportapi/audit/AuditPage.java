package dev.gatewayreports.reportapi.audit;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** A page of the audit log, newest first; {@code next_cursor} reads the next one. */
public record AuditPage(
        List<AuditEventResponse> data,
        @JsonProperty("has_more") boolean hasMore,
        @JsonProperty("next_cursor") String nextCursor) {}
