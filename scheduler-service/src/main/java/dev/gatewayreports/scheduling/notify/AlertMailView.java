package dev.gatewayreports.scheduling.notify;

import static dev.gatewayreports.scheduling.notify.AlertWording.capitalize;

import dev.gatewayreports.model.alerts.AlertEventKind;
import dev.gatewayreports.model.alerts.AlertKind;
import dev.gatewayreports.model.alerts.WindowKind;
import io.quarkus.qute.TemplateData;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** What the alert mail templates show, worded from a claimed notification (its event and rule). */
@TemplateData
public record AlertMailView(
        String tag,
        String color,
        String ruleName,
        String alertId,
        String headline,
        List<Row> rows,
        String scope,
        String editor,
        String zone,
        String eventId) {

    /** One line of the figures table. */
    @TemplateData
    public record Row(String label, String value, boolean strong) {}

    static AlertMailView of(ClaimedNotification n) {
        ClaimedNotification.Event e = n.event();
        ClaimedNotification.Rule r = n.rule();
        ZoneId zone = AlertWording.zone(r.timezone());
        List<Row> rows = new ArrayList<>();
        String measure = capitalize(AlertWording.measure(r.measure()));
        rows.add(new Row(
                r.window() == WindowKind.MONTH_TO_DATE ? measure + " so far" : measure,
                AlertWording.value(r.measure(), e.value()),
                true));
        rows.add(new Row(
                r.kind() == AlertKind.BUDGET ? "Budget" : "Threshold",
                AlertWording.operator(r.comparison()) + " " + AlertWording.value(r.measure(), e.threshold()),
                false));
        if (e.forecast() != null) {
            rows.add(new Row("Month-end forecast", AlertWording.value(r.measure(), e.forecast()), true));
        }
        rows.add(new Row(
                capitalize(AlertWording.window(r.window())),
                AlertWording.period(e.windowStart(), e.windowEnd(), zone),
                false));
        rows.add(new Row("Checked at", AlertWording.at(e.occurredAt(), zone), false));
        return new AlertMailView(
                AlertWording.tag(e.kind()),
                color(e.kind()),
                r.name(),
                n.alertId(),
                headline(e, r),
                rows,
                e.teamId() == null
                        ? "Organization " + (n.orgName() == null ? n.orgId() : n.orgName())
                        : "Team " + (n.teamName() == null ? e.teamId() : n.teamName()),
                e.teamId() == null ? "an org admin" : "a team admin",
                zone.getId(),
                n.eventId());
    }

    /** One sentence saying what happened, with the numbers. */
    static String headline(ClaimedNotification.Event e, ClaimedNotification.Rule r) {
        String measure = AlertWording.measure(r.measure());
        String value = AlertWording.value(r.measure(), e.value());
        String threshold = AlertWording.value(r.measure(), e.threshold());
        String words = AlertWording.comparisonWords(r.comparison());
        String window = switch (r.window()) {
            case LAST_HOUR -> "over the last hour";
            case LAST_DAY -> "over the last day";
            case MONTH_TO_DATE -> "this month so far";
        };
        return switch (e.kind()) {
            case FIRED ->
                capitalize(measure) + " " + window + " is " + value + ", " + words + " the threshold of " + threshold
                        + ".";
            case RESOLVED ->
                capitalize(measure) + " " + window + " is back to " + value + "; the alert fired when it" + " was "
                        + words + " " + threshold + ".";
            case FORECAST ->
                "At this pace " + measure + " will reach "
                        + AlertWording.value(r.measure(), e.forecast()) + " by the end of the month, " + words
                        + " the budget of " + threshold + ".";
            case BUDGET_50, BUDGET_80, BUDGET_100 ->
                capitalize(measure) + " " + window + " has reached " + AlertWording.budgetLevel(e.kind())
                        + "% of the budget: "
                        + value + " of " + threshold + ".";
        };
    }

    /** The banner's colour (white text on it passes WCAG AA): red firing, green resolved, amber budget levels. */
    static String color(AlertEventKind eventKind) {
        return switch (eventKind) {
            case FIRED -> "#cf222e";
            case RESOLVED -> "#1a7f37";
            case BUDGET_50, BUDGET_80, BUDGET_100, FORECAST -> "#9a6700";
        };
    }
}
