package dev.gatewayreports.reportapi.schedules;

import dev.gatewayreports.reportapi.reports.ReportType;
import java.time.ZoneId;
import java.util.List;

/**
 * A validated {@code POST /v1/reports/send}.
 *
 * @param teamId the team named, or null for the caller's only team
 * @param recipients the addresses of the body, or null for the caller's own e-mail
 */
public record SendRequest(
        ReportType type, int days, String teamId, String format, ZoneId zone, List<String> recipients) {}
