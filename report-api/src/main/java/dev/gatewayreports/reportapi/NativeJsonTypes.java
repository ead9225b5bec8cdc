package dev.gatewayreports.reportapi;

import dev.gatewayreports.model.report.GenerateReportRequest;
import dev.gatewayreports.model.report.ReportSections;
import dev.gatewayreports.reportapi.admin.AdminError;
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
            GenerateReportRequest.class,
            ReportSections.class,
        })
final class NativeJsonTypes {
    private NativeJsonTypes() {}
}
