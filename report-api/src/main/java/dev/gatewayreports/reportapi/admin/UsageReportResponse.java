package dev.gatewayreports.reportapi.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code GET /v1/organizations/usage_report/messages}: every bucket of the page, and the next page. */
public record UsageReportResponse(
        List<Bucket> data,
        @JsonProperty("has_more") boolean hasMore,

        @JsonProperty("next_page") @JsonInclude(JsonInclude.Include.ALWAYS)
        String nextPage) {

    /** One time bucket; {@code results} is empty when nothing happened. */
    @Schema(name = "UsageReportBucket")
    public record Bucket(
            @JsonProperty("starting_at") String startingAt,
            @JsonProperty("ending_at") String endingAt,
            List<Result> results) {}

    /** The usage of one combination of the grouped dimensions; ungrouped dimensions are null. */
    @Schema(name = "UsageReportResult")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Result(
            @JsonProperty("uncached_input_tokens") long uncachedInputTokens,
            @JsonProperty("cache_read_input_tokens") long cacheReadInputTokens,
            @JsonProperty("cache_creation") CacheCreation cacheCreation,
            @JsonProperty("output_tokens") long outputTokens,
            @JsonProperty("server_tool_use") ServerToolUse serverToolUse,
            @JsonProperty("api_key_id") String apiKeyId,
            @JsonProperty("workspace_id") String workspaceId,
            String model,
            @JsonProperty("service_tier") String serviceTier,
            @JsonProperty("context_window") String contextWindow,
            @JsonProperty("inference_geo") String inferenceGeo) {}

    /** Cache writes by lifetime. */
    public record CacheCreation(
            @JsonProperty("ephemeral_5m_input_tokens") long ephemeral5mInputTokens,
            @JsonProperty("ephemeral_1h_input_tokens") long ephemeral1hInputTokens) {}

    /** Server-side tool calls. */
    public record ServerToolUse(
            @JsonProperty("web_search_requests") long webSearchRequests) {}
}
