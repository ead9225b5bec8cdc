package dev.gatewayreports.reportapi.reports;

import dev.gatewayreports.model.report.GenerateReportRequest;
import dev.gatewayreports.model.report.ReportSections;
import dev.gatewayreports.model.report.RequestedPeriod;
import dev.gatewayreports.model.tenancy.TenantIds;
import dev.gatewayreports.reportapi.errors.ApiException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;

/** Turns the body of {@code POST /v1/reports/generate} or the quick report's parameters into a {@link ReportSpec}. */
public final class ReportRequests {
    private ReportRequests() {}

    /**
     * A generate body that Bean Validation has accepted (its constraints and {@link
     * dev.gatewayreports.model.report.ValidPeriod}); the team id is checked here.
     */
    public static ReportSpec fromRequest(GenerateReportRequest body, Clock clock) {
        ReportType type = type(body.reportType());
        ZoneId zone = zone(body.timezone());
        RequestedPeriod period = period(body.days(), body.start(), body.end(), zone, clock);
        ExportFormat exportFormat = body.format() == null ? ExportFormat.JSON : format(body.format(), "format");
        return new ReportSpec(
                type,
                teamId(body.teamId()),
                zone,
                period.start(),
                period.end(),
                period.previousStart(),
                sections(type, body.sections()),
                exportFormat,
                body.saved());
    }

    /** The parameters of a quick report: default sections, not saved. */
    public static ReportSpec quick(String type, String days, String teamId, String timezone, Clock clock) {
        ReportType reportType = type(type);
        ZoneId zone = zone(timezone);
        RequestedPeriod period = period(days(days), null, null, zone, clock);
        return new ReportSpec(
                reportType,
                teamId(teamId),
                zone,
                period.start(),
                period.end(),
                period.previousStart(),
                Section.defaults(reportType),
                ExportFormat.JSON,
                false);
    }

    public static ExportFormat format(String value, String field) {
        ExportFormat format = ExportFormat.fromWire(value);
        if (format == null) {
            throw ApiException.invalid(field, field + " must be json, csv or xlsx");
        }
        return format;
    }

    public static ReportType type(String value) {
        if (value == null) {
            throw ApiException.invalid("report_type", "report_type is required: " + ReportType.allowed());
        }
        ReportType type = ReportType.fromWire(value);
        if (type == null) {
            throw ApiException.invalid("report_type", "report_type must be " + ReportType.allowed());
        }
        return type;
    }

    public static ZoneId zone(String value) {
        if (value == null || value.isEmpty()) {
            return ZoneId.of("UTC");
        }
        if (!ZoneId.getAvailableZoneIds().contains(value)) {
            throw ApiException.invalid("timezone", "timezone must be an IANA time zone such as America/New_York");
        }
        return ZoneId.of(value);
    }

    /**
     * The {@code team_id} of a generate request, a quick report or the saved-report list: absent, {@code all} or a
     * well-formed team id; 400 naming it otherwise (whether the caller sees the team is the scope's question).
     */
    public static String teamId(String value) {
        if (value != null && !ReportScope.ALL.equals(value) && TenantIds.problem(value) != null) {
            throw ApiException.invalid("team_id", "team_id must be a team id or all");
        }
        return value;
    }

    /** The {@code days} query parameter: a whole number 1–366, or null when absent; 400 naming it otherwise. */
    public static Integer days(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return checkedDays(Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
            throw ApiException.invalid("days", "days must be a whole number between 1 and 366");
        }
    }

    private static int checkedDays(long days) {
        if (days < 1 || days > 366) {
            throw ApiException.invalid("days", "days must be between 1 and 366");
        }
        return (int) days;
    }

    /** The period: {@code days} whole local days before today (default 7), or start and end. */
    private static RequestedPeriod period(Integer days, String start, String end, ZoneId zone, Clock clock) {
        RequestedPeriod.Problem problem = RequestedPeriod.problem(days, start, end, zone);
        if (problem != null) {
            throw ApiException.invalid(problem.field(), problem.message());
        }
        if (start == null && end == null) {
            return RequestedPeriod.lastDays(days == null ? 7 : days, LocalDate.now(clock.withZone(zone)), zone);
        }
        return RequestedPeriod.of(start, end, zone);
    }

    /** The type's default sections with those a request names shown or hidden. */
    public static Set<Section> sections(ReportType type, ReportSections given) {
        Set<Section> sections = EnumSet.noneOf(Section.class);
        sections.addAll(Section.defaults(type));
        if (given != null) {
            given.given().forEach((name, shown) -> {
                Section section = Section.fromWire(name);
                if (shown) {
                    sections.add(section);
                } else {
                    sections.remove(section);
                }
            });
        }
        return sections;
    }
}
