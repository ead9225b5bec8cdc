package dev.gatewayreports.reportapi.reports;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A page of saved reports, newest first. */
public record ReportPage(
        List<Item> data,
        @JsonProperty("has_more") boolean hasMore,
        @JsonProperty("next_cursor") String nextCursor) {

    /** One saved report in the history. */
    @Schema(name = "SavedReportItem")
    public record Item(
            @JsonProperty("report_id") String reportId,
            @JsonProperty("report_type") String reportType,
            @JsonProperty("team_id") String teamId,
            @JsonProperty("generated_at") Instant generatedAt,
            @JsonProperty("period_start") Instant periodStart,
            @JsonProperty("period_end") Instant periodEnd) {

        static Item of(SavedReportRepository.Entry e) {
            return new Item(e.reportId(), e.reportType(), e.teamId(), e.generatedAt(), e.periodStart(), e.periodEnd());
        }
    }
}
