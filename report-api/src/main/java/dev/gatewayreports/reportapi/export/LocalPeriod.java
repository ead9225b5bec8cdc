package dev.gatewayreports.reportapi.export;

import dev.gatewayreports.model.report.Report;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * The first and last local day of a report's period in its time zone. The period end is exclusive: when it is a
 * local midnight the last day is the day before it, otherwise the day it falls on.
 */
record LocalPeriod(LocalDate first, LocalDate last) {

    static Optional<LocalPeriod> of(Report report) {
        ZoneId zone = zone(report.timezone() == null ? "" : report.timezone());
        try {
            ZonedDateTime start = instant(report.periodStart()).atZoneSameInstant(zone);
            ZonedDateTime end = instant(report.periodEnd()).atZoneSameInstant(zone);
            LocalDate last = end.toLocalTime().equals(LocalTime.MIDNIGHT)
                    ? end.toLocalDate().minusDays(1)
                    : end.toLocalDate();
            LocalDate first = start.toLocalDate();
            return Optional.of(new LocalPeriod(first, last.isBefore(first) ? first : last));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** "2024-12-19 to 2024-12-25", or the one day. */
    String describe() {
        return first.equals(last) ? first.toString() : first + " to " + last;
    }

    private static OffsetDateTime instant(String text) {
        return OffsetDateTime.parse(text == null ? "" : text);
    }

    private static ZoneId zone(String id) {
        try {
            return id.isEmpty() ? ZoneOffset.UTC : ZoneId.of(id);
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }
}
