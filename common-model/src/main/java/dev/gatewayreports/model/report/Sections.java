package dev.gatewayreports.model.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Which sections the report holds (every one named, true or false). */
@Schema(name = "ReportSections")
@JsonSerialize(using = ReportSerializer.class)
public record Sections(
        @JsonProperty("summary") boolean summary,
        @JsonProperty("daily_trend") boolean dailyTrend,
        @JsonProperty("hourly_trend") boolean hourlyTrend,
        @JsonProperty("by_provider") boolean byProvider,
        @JsonProperty("by_model") boolean byModel,
        @JsonProperty("by_api_key") boolean byApiKey,
        @JsonProperty("performance") boolean performance,
        @JsonProperty("slow_requests") boolean slowRequests,
        @JsonProperty("error_details") boolean errorDetails) {}
