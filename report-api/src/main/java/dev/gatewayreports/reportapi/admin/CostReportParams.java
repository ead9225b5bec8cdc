package dev.gatewayreports.reportapi.admin;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * The query of {@code GET /v1/organizations/cost_report}, bound parameter by parameter and checked with Bean
 * Validation (a violation is a 400 naming the parameter). Its buckets are days: a {@code bucket_width} other than
 * {@code 1d} is refused, not ignored.
 */
public record CostReportParams(
        @Valid @BeanParam PeriodParams period,

        @QueryParam("bucket_width")
        @Pattern(regexp = "1d", message = "must be 1d: the cost report has daily buckets only")
        @Parameter(
                example = "1d",
                schema =
                        @Schema(
                                type = SchemaType.STRING,
                                enumeration = {"1d"},
                                defaultValue = "1d"))
        String bucketWidth,

        @QueryParam("limit")
        @Pattern(regexp = UsageReportParams.LIMIT, message = "must be an integer from 1 to 31")
        @Parameter(
                description = "Days per page, default 7",
                example = "7",
                schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "31"))
        String limit,

        @QueryParam("page")
        @Parameter(
                description = "The next_page of the previous response",
                example = "page_MXxjb3N0…",
                schema = @Schema(type = SchemaType.STRING))
        String page,

        @QueryParam("group_by[]")
        @Parameter(
                description = "workspace_id and/or description (model, cost type and token type)",
                example = "[\"description\"]",
                schema = @Schema(type = SchemaType.ARRAY, implementation = CostGroupBy.class))
        List<@Pattern(regexp = GROUPS, message = "has an unknown value; one of workspace_id, description") String>
                groupBy,

        @QueryParam("workspace_ids[]")
        @Parameter(
                example = "[\"team_platform\"]",
                schema = @Schema(type = SchemaType.ARRAY, implementation = String.class))
        List<@NotBlank(message = "has an empty value") String> workspaceIds) {

    static final String GROUPS = "workspace_id|description";

    /** The values {@code group_by[]} takes, for the OpenAPI document. */
    @Schema(
            type = SchemaType.STRING,
            enumeration = {"workspace_id", "description"})
    static final class CostGroupBy {}

    public CostReportParams {
        groupBy = AdminLists.values(groupBy);
        workspaceIds = AdminLists.values(workspaceIds);
    }

    /** The typed request, once the parameters have passed their checks. */
    CostReportRequest toRequest() {
        return new CostReportRequest(
                BucketWidth.DAY.limit(limit),
                period.start(),
                period.end(),
                groupBy.contains("workspace_id"),
                groupBy.contains("description"),
                workspaceIds,
                page);
    }
}
