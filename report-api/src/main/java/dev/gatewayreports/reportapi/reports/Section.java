package dev.gatewayreports.reportapi.reports;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** The sections of a report, in the order they appear. */
public enum Section {
    SUMMARY,
    DAILY_TREND,
    HOURLY_TREND,
    BY_PROVIDER,
    BY_MODEL,
    BY_API_KEY,
    PERFORMANCE,
    SLOW_REQUESTS,
    ERROR_DETAILS;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Section fromWire(String value) {
        return Arrays.stream(values())
                .filter(s -> s.wire().equals(value))
                .findFirst()
                .orElse(null);
    }

    /** The sections a type shows when the request names none. */
    public static Set<Section> defaults(ReportType type) {
        if (type == ReportType.COMPREHENSIVE) {
            return EnumSet.allOf(Section.class);
        }
        Set<Section> sections = EnumSet.of(SUMMARY, DAILY_TREND, BY_PROVIDER, BY_MODEL, PERFORMANCE);
        if (type == ReportType.PERFORMANCE) {
            sections.add(SLOW_REQUESTS);
        }
        if (type == ReportType.ERROR) {
            sections.add(ERROR_DETAILS);
        }
        return sections;
    }
}
