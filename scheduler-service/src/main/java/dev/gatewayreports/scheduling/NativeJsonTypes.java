package dev.gatewayreports.scheduling;

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
import dev.gatewayreports.scheduling.due.ScheduledReportBody;
import dev.gatewayreports.scheduling.notify.WebhookBody;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The JSON types of scheduler-service that Quarkus cannot see, registered for reflection so that Jackson can read
 * them in a native image: the report records (common-model {@code model.report}) that report-api's generate and
 * saved-report answers are read into, and the generate request
 * (common-model) the report-api client writes, the alert webhook's body (notify.WebhookBody) and the scheduled
 * report's (due.ScheduledReportBody). {@code NativeJsonTypesTest} fails when a new such type is missing here.
 */
@RegisterForReflection(
        targets = {
            ApiKeyRow.class,
            ChangePercent.class,
            DailyTrendRow.class,
            ErrorDetails.class,
            ErrorTypeRow.class,
            GenerateReportRequest.class,
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
            ScheduledReportBody.class,
            ScheduledReportBody.Period.class,
            ReportSections.class,
            ReportSerializer.class,
            Sections.class,
            SlowRequest.class,
            Summary.class,
            WebhookBody.class,
            WebhookBody.Alert.class,
        })
final class NativeJsonTypes {
    private NativeJsonTypes() {}
}
