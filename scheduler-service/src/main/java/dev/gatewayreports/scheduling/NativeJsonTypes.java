package dev.gatewayreports.scheduling;

import dev.gatewayreports.model.report.GenerateReportRequest;
import dev.gatewayreports.model.report.ReportSections;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The JSON types of scheduler-service that Jackson writes and Quarkus may not see, registered for reflection so a
 * native image writes them too: the generate request (common-model) the report-api client sends.
 * {@code NativeJsonTypesTest} fails when a new such type is missing here.
 */
@RegisterForReflection(targets = {GenerateReportRequest.class, ReportSections.class})
final class NativeJsonTypes {
    private NativeJsonTypes() {}
}
