package dev.gatewayreports.model.report;

import dev.gatewayreports.model.time.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * The period of a report request given as {@code start} and {@code end}: the rules (start and end together, not
 * with {@code days}, end after start, at most 366 days) and the previous period it is compared with. Whole local
 * days (what the scheduler sends) are counted in days, so a window crossing a DST change is still N days and the
 * previous period is the N local days before, not N × 24 h.
 *
 * @param previousStart the start of the period of the same length just before
 */
public record RequestedPeriod(Instant start, Instant end, Instant previousStart) {
    /** The longest period a report covers. */
    public static final Duration MAX = Duration.ofDays(366);

    /** A rule broken, with the request field it is about. */
    public record Problem(String field, String message) {}

    /** Why these fields are no valid period (null when start and end are both absent, or valid). */
    public static Problem problem(Integer days, String start, String end, ZoneId zone) {
        if (start == null && end == null) {
            return null;
        }
        if (days != null) {
            return new Problem("days", "give either days or start and end, not both");
        }
        if (start == null || end == null) {
            String missing = start == null ? "start" : "end";
            return new Problem(missing, "start and end go together; " + missing + " is missing");
        }
        Instant from = Timestamps.parse(start);
        if (from == null) {
            return unparsable("start");
        }
        Instant to = Timestamps.parse(end);
        if (to == null) {
            return unparsable("end");
        }
        if (!from.isBefore(to)) {
            return new Problem("end", "end must be after start");
        }
        if (length(from, to, zone).compareTo(MAX) > 0) {
            return new Problem("end", "a report covers at most 366 days");
        }
        return null;
    }

    /** The period of a start and end that {@link #problem} accepts. */
    public static RequestedPeriod of(String start, String end, ZoneId zone) {
        Instant from = Timestamps.parse(start);
        Instant to = Timestamps.parse(end);
        LocalDate first = startOfLocalDay(from, zone);
        LocalDate last = startOfLocalDay(to, zone);
        if (first != null && last != null) {
            long n = ChronoUnit.DAYS.between(first, last);
            return new RequestedPeriod(
                    from, to, first.minusDays(n).atStartOfDay(zone).toInstant());
        }
        return new RequestedPeriod(from, to, from.minus(Duration.between(from, to)));
    }

    /** The {@code days} whole local days before today in the zone. */
    public static RequestedPeriod lastDays(int days, LocalDate today, ZoneId zone) {
        return new RequestedPeriod(
                today.minusDays(days).atStartOfDay(zone).toInstant(),
                today.atStartOfDay(zone).toInstant(),
                today.minusDays(2L * days).atStartOfDay(zone).toInstant());
    }

    /** Whole local days count as days of 24 h (so 366 of them are allowed across DST changes). */
    private static Duration length(Instant from, Instant to, ZoneId zone) {
        LocalDate first = startOfLocalDay(from, zone);
        LocalDate last = startOfLocalDay(to, zone);
        if (first != null && last != null) {
            return Duration.ofDays(ChronoUnit.DAYS.between(first, last));
        }
        return Duration.between(from, to);
    }

    /** The local date of which this instant is the start in the zone, or null when it is not a day's start. */
    private static LocalDate startOfLocalDay(Instant instant, ZoneId zone) {
        LocalDate date = instant.atZone(zone).toLocalDate();
        return date.atStartOfDay(zone).toInstant().equals(instant) ? date : null;
    }

    private static Problem unparsable(String field) {
        return new Problem(
                field,
                field + " must be an RFC 3339 timestamp with an offset, e.g. 2024-12-19T00:00:00Z, from "
                        + Timestamps.RANGE);
    }
}
