package dev.gatewayreports.reportapi.admin;

import dev.gatewayreports.model.stats.Dimension;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.QueryParam;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * The query of {@code GET /v1/organizations/usage_report/messages}, bound parameter by parameter and checked with
 * Bean Validation (a violation is a 400 naming the parameter); list values may also come comma-separated. Rules
 * across parameters (a {@code limit} within its bucket width's maximum, {@code ending_at} after
 * {@code starting_at}) are {@link UsageReportRequest}'s.
 */
public record UsageReportParams(
        @Valid @BeanParam PeriodParams period,

        @QueryParam("bucket_width")
        @Pattern(regexp = BucketWidth.PATTERN, message = "must be one of 1m, 1h, 1d")
        @Parameter(
                example = "1d",
                schema =
                        @Schema(
                                type = SchemaType.STRING,
                                enumeration = {"1m", "1h", "1d"},
                                defaultValue = "1d"))
        String bucketWidth,

        @QueryParam("limit")
        @Pattern(regexp = LIMIT, message = "must be an integer from 1 to 1440")
        @Parameter(
                description = "Buckets per page: 1d default 7, at most 31; 1h default 24, at most 168; 1m"
                        + " default 60, at most 1440",
                example = "7",
                schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "1440"))
        String limit,

        @QueryParam("page")
        @Parameter(
                description = "The next_page of the previous response",
                example = "page_MXx1c2FnZ…",
                schema = @Schema(type = SchemaType.STRING))
        String page,

        @QueryParam("group_by[]")
        @Parameter(
                description = "Dimensions to group by; the others are null in each result",
                example = "[\"model\"]",
                schema = @Schema(type = SchemaType.ARRAY, implementation = UsageGroupBy.class))
        List<@Pattern(regexp = GROUPS, message = "has an unknown value; one of " + GROUP_LIST) String> groupBy,

        @QueryParam("api_key_ids[]")
        @Parameter(
                example = "[\"apikey_01\"]",
                schema = @Schema(type = SchemaType.ARRAY, implementation = String.class))
        List<@NotBlank(message = "has an empty value") String> apiKeyIds,

        @QueryParam("workspace_ids[]")
        @Parameter(
                example = "[\"team_platform\"]",
                schema = @Schema(type = SchemaType.ARRAY, implementation = String.class))
        List<@NotBlank(message = "has an empty value") String> workspaceIds,

        @QueryParam("models[]")
        @Parameter(
                example = "[\"claude-sonnet-4-5\"]",
                schema = @Schema(type = SchemaType.ARRAY, implementation = String.class))
        List<@NotBlank(message = "has an empty value") String> models,

        @QueryParam("service_tiers[]")
        @Parameter(
                example = "[\"standard\"]",
                schema = @Schema(type = SchemaType.ARRAY, implementation = ServiceTier.class))
        List<@Pattern(regexp = TIERS, message = "has an unknown value; one of standard, batch, priority, flex") String>
                serviceTiers,

        @QueryParam("context_window[]")
        @Parameter(
                example = "[\"0-200k\"]",
                schema = @Schema(type = SchemaType.ARRAY, implementation = ContextWindow.class))
        List<@Pattern(regexp = WINDOWS, message = "has an unknown value; one of 0-200k, 200k-1M") String> contextWindow,

        @QueryParam("inference_geos[]")
        @Parameter(example = "[\"us\"]", schema = @Schema(type = SchemaType.ARRAY, implementation = String.class))
        List<@NotBlank(message = "has an empty value") String> inferenceGeos) {

    static final String LIMIT = "\\s*[0-9]{1,9}\\s*";
    static final String GROUPS = "api_key_id|workspace_id|model|service_tier|context_window|inference_geo";
    static final String GROUP_LIST = "api_key_id, workspace_id, model, service_tier, context_window, inference_geo";
    static final String TIERS = "standard|batch|priority|flex";
    static final String WINDOWS = "0-200k|200k-1M";

    /** The values {@code group_by[]} takes, for the OpenAPI document. */
    @Schema(
            type = SchemaType.STRING,
            enumeration = {"api_key_id", "workspace_id", "model", "service_tier", "context_window", "inference_geo"})
    static final class UsageGroupBy {}

    /** The values {@code service_tiers[]} takes, for the OpenAPI document. */
    @Schema(
            type = SchemaType.STRING,
            enumeration = {"standard", "batch", "priority", "flex"})
    static final class ServiceTier {}

    /** The values {@code context_window[]} takes, for the OpenAPI document. */
    @Schema(
            type = SchemaType.STRING,
            enumeration = {"0-200k", "200k-1M"})
    static final class ContextWindow {}

    public UsageReportParams {
        groupBy = AdminLists.values(groupBy);
        apiKeyIds = AdminLists.values(apiKeyIds);
        workspaceIds = AdminLists.values(workspaceIds);
        models = AdminLists.values(models);
        serviceTiers = AdminLists.values(serviceTiers);
        contextWindow = AdminLists.values(contextWindow);
        inferenceGeos = AdminLists.values(inferenceGeos);
    }

    /** The typed request, once the parameters have passed their checks. */
    UsageReportRequest toRequest() {
        BucketWidth width = BucketWidth.of(bucketWidth);
        Map<Dimension, List<String>> filters = new LinkedHashMap<>();
        filters.put(Dimension.API_KEY, apiKeyIds);
        filters.put(Dimension.MODEL, models);
        filters.put(Dimension.SERVICE_TIER, serviceTiers);
        filters.put(Dimension.CONTEXT_WINDOW, contextWindow);
        filters.put(Dimension.INFERENCE_GEO, inferenceGeos);
        return new UsageReportRequest(
                width, width.limit(limit), period.start(), period.end(), groupBy, workspaceIds, filters, page);
    }
}
