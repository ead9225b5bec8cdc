package dev.gatewayreports.reportapi.reports;

import dev.gatewayreports.model.report.ReportData;
import dev.gatewayreports.model.report.ReportField;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/** The sections of a report, in the order they appear: each is a part of the report's data ({@link ReportData}). */
public enum Section {
    SUMMARY(ReportData.SUMMARY),
    DAILY_TREND(ReportData.DAILY_TREND),
    HOURLY_TREND(ReportData.HOURLY_TREND),
    BY_PROVIDER(ReportData.BY_PROVIDER),
    BY_MODEL(ReportData.BY_MODEL),
    BY_API_KEY(ReportData.BY_API_KEY),
    PERFORMANCE(ReportData.PERFORMANCE),
    SLOW_REQUESTS(ReportData.SLOW_REQUESTS),
    ERROR_DETAILS(ReportData.ERROR_DETAILS);

    private final ReportField<ReportData> field;

    Section(ReportField<ReportData> field) {
        this.field = field;
    }

    /** Its JSON name, that of its part of the report's data. */
    public String wire() {
        return field.name();
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
