package dev.gatewayreports.scheduling.delivery;

import dev.gatewayreports.model.report.DailyTrendRow;
import dev.gatewayreports.model.report.PreviousPeriod;
import dev.gatewayreports.model.report.Report;
import dev.gatewayreports.model.report.ReportData;
import dev.gatewayreports.model.report.Summary;
import io.quarkus.qute.TemplateData;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What the mail templates show, computed from a report (docs/report-object.md) and its delivery. */
@TemplateData
public record MailView(
        String title,
        String team,
        String period,
        String zone,
        String previousPeriod,
        List<Figure> figures,
        List<DayBar> days,
        String dailyMetric,
        List<ModelRow> models,
        String attachmentName,
        boolean scheduled) {

    /** How many models the mail lists. */
    static final int TOP_MODELS = 5;

    private static final DateTimeFormatter LONG_DAY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter SHORT_DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);

    /** One summary figure with its change from the previous period. */
    @TemplateData
    public record Figure(String label, String value, String previous, String change, String color) {}

    /** One day of the compact chart; {@code width} is 0–100 (percent of the busiest day). */
    @TemplateData
    public record DayBar(String label, String value, int width, String errors, int valueWidth) {
        /** The value right-aligned to the widest day's, for the plain-text mail. */
        public String padded() {
            return " ".repeat(Math.max(0, valueWidth - value.length())) + value;
        }

        /** A bar of up to {@code max} characters for the plain-text mail. */
        public String text(int max) {
            return "#".repeat(Math.round(width * max / 100f));
        }
    }

    /** One of the top models. */
    @TemplateData
    public record ModelRow(String model, String provider, String requests, String share, String cost) {}

    public static MailView of(DeliveryRequest d, Report report, Attachment attachment) {
        ReportData data = report.data();
        Summary summary = data == null ? null : data.summary();
        return new MailView(
                title(d) + " report",
                d.teamLabel(),
                words(d.firstDay(), d.lastDay()),
                d.zone().getId(),
                summary == null ? null : previous(summary.previousPeriod(), d.zone()),
                Figures.of(summary),
                days(data == null ? null : data.dailyTrend()),
                "Requests per day",
                models(data == null ? null : data.byModel()),
                attachment == null ? null : attachment.fileName(),
                d.frequency() != null);
    }

    /** "Weekly usage" for a schedule's run, "Usage" for an ad-hoc send. */
    static String title(DeliveryRequest d) {
        String type = d.reportType();
        if (d.frequency() == null) {
            return capitalize(type);
        }
        return capitalize(d.frequency()) + " " + type;
    }

    /** The period in words: one day, or the first and last local day. */
    static String words(LocalDate first, LocalDate last) {
        return first.equals(last) ? LONG_DAY.format(first) : LONG_DAY.format(first) + " – " + LONG_DAY.format(last);
    }

    public boolean hasFigures() {
        return !figures.isEmpty();
    }

    public boolean hasDays() {
        return !days.isEmpty();
    }

    public boolean hasModels() {
        return !models.isEmpty();
    }

    private static String previous(PreviousPeriod previous, ZoneId zone) {
        if (previous == null || previous.periodStart() == null || previous.periodEnd() == null) {
            return null;
        }
        LocalDate first = Instant.parse(previous.periodStart()).atZone(zone).toLocalDate();
        LocalDate last =
                Instant.parse(previous.periodEnd()).minusNanos(1).atZone(zone).toLocalDate();
        return words(first, last);
    }

    private static List<DayBar> days(List<DailyTrendRow> rows) {
        if (rows == null) {
            return List.of();
        }
        long max = 0;
        int valueWidth = 0;
        for (DailyTrendRow row : rows) {
            max = Math.max(max, row.requests());
            valueWidth = Math.max(valueWidth, Numbers.count(row.requests()).length());
        }
        List<DayBar> days = new ArrayList<>();
        for (DailyTrendRow row : rows) {
            long requests = row.requests();
            int width = max == 0 ? 0 : (int) Math.max(requests > 0 ? 1 : 0, Math.round(requests * 100.0 / max));
            days.add(new DayBar(
                    SHORT_DAY.format(LocalDate.parse(row.date())),
                    Numbers.count(row.requests()),
                    width,
                    Numbers.count(row.errors()),
                    valueWidth));
        }
        return days;
    }

    private static List<ModelRow> models(List<dev.gatewayreports.model.report.ModelRow> rows) {
        if (rows == null) {
            return List.of();
        }
        return rows.stream()
                .limit(TOP_MODELS)
                .map(row -> new ModelRow(
                        row.model(),
                        row.provider() == null ? "" : row.provider(),
                        Numbers.count(row.requests()),
                        Numbers.percent(row.percentage()),
                        Numbers.usd(row.costUsd())))
                .toList();
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }
}
