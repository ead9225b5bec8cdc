package dev.gatewayreports.reportapi.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code GET /v1/organizations/cost_report}: every day of the page, and the next page. */
public record CostReportResponse(
        List<Bucket> data,
        @JsonProperty("has_more") boolean hasMore,

        @JsonProperty("next_page") @JsonInclude(JsonInclude.Include.ALWAYS)
        String nextPage) {

    /** One UTC day; {@code results} is empty when nothing was billed. */
    @Schema(name = "CostReportBucket")
    public record Bucket(
            @JsonProperty("starting_at") String startingAt,
            @JsonProperty("ending_at") String endingAt,
            List<Result> results) {}

    /**
     * One cost line. {@code amount}: USD cents as an exact decimal string ({@code "123.45"} = $1.2345). Without
     * {@code group_by[]=description}, the description fields are null.
     */
    @Schema(name = "CostReportResult")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Result(
            String currency,
            String amount,
            @JsonProperty("workspace_id") String workspaceId,
            String description,
            @JsonProperty("cost_type") String costType,
            @JsonProperty("context_window") String contextWindow,
            String model,
            @JsonProperty("service_tier") String serviceTier,
            @JsonProperty("token_type") String tokenType) {}
}
