package dev.gatewayreports.reportapi.reports;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatewayreports.model.time.Timestamps;
import dev.gatewayreports.reportapi.errors.ApiException;
import dev.gatewayreports.reportapi.input.TextRules;
import dev.gatewayreports.reportapi.teams.TeamIds;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/** Turns the body of {@code POST /v1/reports/generate} or the quick report's parameters into a {@link ReportSpec}. */
public final class ReportRequests {
    /** The longest window a report covers. */
    static final Duration MAX_WINDOW = Duration.ofDays(366);

    private ReportRequests() {}

    /** The body of a generate request. */
    public static ReportSpec fromBody(JsonNode body, Clock clock) {
        if (body == null || !body.isObject()) {
            throw ApiException.invalid("body", "a JSON object with report_type is required");
        }
        ReportType type = type(text(body, "report_type"));
        ZoneId zone = zone(text(body, "timezone"));
        Integer days = days(body.get("days"));
        String start = text(body, "start");
        String end = text(body, "end");
        Instant[] window = window(days, start, end, zone, clock);
        String format = text(body, "format");
        ExportFormat exportFormat = format == null ? ExportFormat.JSON : format(format, "format");
        return new ReportSpec(
                type,
                teamId(text(body, "team_id")),
                zone,
                window[0],
                window[1],
                window[2],
                sections(type, body.get("sections")),
                exportFormat,
                bool(body.get("save"), "save"));
    }

    /** The parameters of a quick report: default sections, not saved. */
    public static ReportSpec quick(String type, String days, String teamId, String timezone, Clock clock) {
        ReportType reportType = type(type);
        ZoneId zone = zone(timezone);
        Integer n = days(days);
        Instant[] window = window(n, null, null, zone, clock);
        return new ReportSpec(
                reportType,
                teamId(teamId),
                zone,
                window[0],
                window[1],
                window[2],
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

    private static String teamId(String value) {
        if (value != null && !ReportScope.ALL.equals(value) && TeamIds.problem(value) != null) {
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

    /** {@code days}: a whole number 1–366, or null when absent; 400 naming {@code days} otherwise. */
    public static Integer days(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw ApiException.invalid("days", "days must be a whole number between 1 and 366");
        }
        return checkedDays(node.longValue());
    }

    private static int checkedDays(long days) {
        if (days < 1 || days > 366) {
            throw ApiException.invalid("days", "days must be between 1 and 366");
        }
        return (int) days;
    }

    /** [start, end, previous start]. */
    private static Instant[] window(Integer days, String start, String end, ZoneId zone, Clock clock) {
        if (start == null && end == null) {
            int n = days == null ? 7 : days;
            LocalDate today = LocalDate.now(clock.withZone(zone));
            return new Instant[] {
                today.minusDays(n).atStartOfDay(zone).toInstant(),
                today.atStartOfDay(zone).toInstant(),
                today.minusDays(2L * n).atStartOfDay(zone).toInstant()
            };
        }
        if (days != null) {
            throw ApiException.invalid("days", "give either days or start and end, not both");
        }
        if (start == null || end == null) {
            String missing = start == null ? "start" : "end";
            throw ApiException.invalid(missing, "start and end go together; " + missing + " is missing");
        }
        Instant from = instant(start, "start");
        Instant to = instant(end, "end");
        if (!from.isBefore(to)) {
            throw ApiException.invalid("end", "end must be after start");
        }
        LocalDate first = startOfLocalDay(from, zone);
        LocalDate last = startOfLocalDay(to, zone);
        if (first != null && last != null) {
            // Whole local days (what the scheduler sends): counted in days, so a window crossing a DST change is
            // still N days, and the previous period is the N local days before, not N × 24 h.
            long n = ChronoUnit.DAYS.between(first, last);
            if (n > MAX_WINDOW.toDays()) {
                throw ApiException.invalid("end", "a report covers at most 366 days");
            }
            return new Instant[] {
                from, to, first.minusDays(n).atStartOfDay(zone).toInstant()
            };
        }
        if (Duration.between(from, to).compareTo(MAX_WINDOW) > 0) {
            throw ApiException.invalid("end", "a report covers at most 366 days");
        }
        return new Instant[] {from, to, from.minus(Duration.between(from, to))};
    }

    /** The local date of which this instant is the start in the zone, or null when it is not a day's start. */
    private static LocalDate startOfLocalDay(Instant instant, ZoneId zone) {
        LocalDate date = instant.atZone(zone).toLocalDate();
        return date.atStartOfDay(zone).toInstant().equals(instant) ? date : null;
    }

    private static Instant instant(String value, String field) {
        Instant instant = Timestamps.parse(value);
        if (instant == null) {
            throw ApiException.invalid(
                    field,
                    field + " must be an RFC 3339 timestamp with an offset, e.g. 2024-12-19T00:00:00Z, from "
                            + Timestamps.RANGE);
        }
        return instant;
    }

    /** The type's default sections with the overrides of a {@code sections} object applied. */
    public static Set<Section> sections(ReportType type, JsonNode node) {
        Set<Section> sections = EnumSet.noneOf(Section.class);
        sections.addAll(Section.defaults(type));
        if (node == null || node.isNull()) {
            return sections;
        }
        if (!node.isObject()) {
            throw ApiException.invalid("sections", "sections must be an object of booleans, e.g. {\"summary\": true}");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Section section = Section.fromWire(e.getKey());
            if (section == null) {
                throw ApiException.invalid("sections." + e.getKey(), "unknown section " + e.getKey());
            }
            if (bool(e.getValue(), "sections." + e.getKey())) {
                sections.add(section);
            } else {
                sections.remove(section);
            }
        }
        return sections;
    }

    private static boolean bool(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            throw ApiException.invalid(field, field + " must be true or false");
        }
        return node.booleanValue();
    }

    /**
     * A string field of a JSON body, or null when absent; 400 naming the field when it is not a string or breaks
     * {@link TextRules}.
     */
    public static String text(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw ApiException.invalid(field, field + " must be a string");
        }
        String problem = TextRules.problem(node.textValue());
        if (problem != null) {
            throw ApiException.invalid(field, field + " " + problem);
        }
        return node.textValue();
    }
}
