package dev.gatewayreports.scheduling.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.qute.TemplateData;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What the mail templates show, computed from a report object (docs/report-object.md) and its delivery. */
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

    public static MailView of(DeliveryRequest d, JsonNode report, Attachment attachment) {
        JsonNode data = report.path("data");
        return new MailView(
                title(d) + " report",
                d.teamLabel(),
                words(d.firstDay(), d.lastDay()),
                d.zone().getId(),
                previous(data.path("summary").path("previous_period"), d.zone()),
                Figures.of(data.path("summary")),
                days(data.path("daily_trend")),
                "Requests per day",
                models(data.path("by_model")),
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

    private static String previous(JsonNode previous, ZoneId zone) {
        if (!previous.hasNonNull("period_start") || !previous.hasNonNull("period_end")) {
            return null;
        }
        LocalDate first = Instant.parse(previous.get("period_start").asText())
                .atZone(zone)
                .toLocalDate();
        LocalDate last = Instant.parse(previous.get("period_end").asText())
                .minusNanos(1)
                .atZone(zone)
                .toLocalDate();
        return words(first, last);
    }

    private static List<DayBar> days(JsonNode rows) {
        long max = 0;
        int valueWidth = 0;
        for (JsonNode row : rows) {
            max = Math.max(max, row.path("requests").asLong());
            valueWidth =
                    Math.max(valueWidth, Numbers.count(row.path("requests")).length());
        }
        List<DayBar> days = new ArrayList<>();
        for (JsonNode row : rows) {
            long requests = row.path("requests").asLong();
            int width = max == 0 ? 0 : (int) Math.max(requests > 0 ? 1 : 0, Math.round(requests * 100.0 / max));
            days.add(new DayBar(
                    SHORT_DAY.format(LocalDate.parse(row.path("date").asText())),
                    Numbers.count(row.path("requests")),
                    width,
                    Numbers.count(row.path("errors")),
                    valueWidth));
        }
        return days;
    }

    private static List<ModelRow> models(JsonNode rows) {
        List<ModelRow> models = new ArrayList<>();
        for (JsonNode row : rows) {
            if (models.size() == TOP_MODELS) {
                break;
            }
            models.add(new ModelRow(
                    row.path("model").asText(),
                    row.path("provider").asText(""),
                    Numbers.count(row.path("requests")),
                    Numbers.percent(row.path("percentage")),
                    Numbers.usd(row.path("cost_usd"))));
        }
        return models;
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }
}
