package dev.gatewayreports.reportapi;

import dev.gatewayreports.model.report.ApiKeyRow;
import dev.gatewayreports.model.report.ChangePercent;
import dev.gatewayreports.model.report.DailyTrendRow;
import dev.gatewayreports.model.report.ErrorDetails;
import dev.gatewayreports.model.report.ErrorTypeRow;
import dev.gatewayreports.model.report.GenerateReportRequest;
import dev.gatewayreports.model.report.HourlyTrendRow;
import dev.gatewayreports.model.report.Latency;
import dev.gatewayreports.model.report.ModelErrorRow;
import dev.gatewayreports.model.report.ModelLatencyRow;
import dev.gatewayreports.model.report.ModelRow;
import dev.gatewayreports.model.report.Performance;
import dev.gatewayreports.model.report.PreviousPeriod;
import dev.gatewayreports.model.report.ProviderRow;
import dev.gatewayreports.model.report.RecentError;
import dev.gatewayreports.model.report.Report;
import dev.gatewayreports.model.report.ReportData;
import dev.gatewayreports.model.report.ReportSections;
import dev.gatewayreports.model.report.ReportSerializer;
import dev.gatewayreports.model.report.Sections;
import dev.gatewayreports.model.report.SlowRequest;
import dev.gatewayreports.model.report.Summary;
import dev.gatewayreports.reportapi.admin.AdminError;
import dev.gatewayreports.reportapi.alerts.AlertResponse;
import dev.gatewayreports.reportapi.errors.ApiError;
import dev.gatewayreports.reportapi.schedules.SendResponse;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The JSON types of report-api that Quarkus cannot see, registered for reflection so that Jackson can write them in
 * a native image. Quarkus registers the parameter and return types of resource methods itself; these leave only
 * inside a {@code Response} built by an exception mapper, a response filter or a {@code 202} answer, so without this
 * they would serialize as {@code {}} in the native executable only. The generate request (common-model) is
 * registered here too: it is a resource parameter today, and scheduler-service writes the same record. {@code NativeJsonTypesTest} fails when a new
 * such type is missing here.
 */
@RegisterForReflection(
        targets = {
            ApiError.class,
            ApiError.Body.class,
            AdminError.class,
            AdminError.Body.class,
            SendResponse.class,
            // The created alert rule: the entity of POST /v1/alerts' 201 Response.
            AlertResponse.class,
            // The report: written by ReportNumbers.MAPPER into a String and read back from saved reports, so no
            // resource signature names it.
            ApiKeyRow.class,
            ChangePercent.class,
            DailyTrendRow.class,
            ErrorDetails.class,
            ErrorTypeRow.class,
            HourlyTrendRow.class,
            Latency.class,
            ModelErrorRow.class,
            ModelLatencyRow.class,
            ModelRow.class,
            Performance.class,
            PreviousPeriod.class,
            ProviderRow.class,
            RecentError.class,
            Report.class,
            ReportData.class,
            ReportSerializer.class,
            Sections.class,
            SlowRequest.class,
            Summary.class,
            GenerateReportRequest.class,
            ReportSections.class,
        })
final class NativeJsonTypes {
    private NativeJsonTypes() {}
}
