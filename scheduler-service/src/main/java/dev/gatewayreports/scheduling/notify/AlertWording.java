package dev.gatewayreports.scheduling.notify;

import dev.gatewayreports.model.alerts.AlertEventKind;
import dev.gatewayreports.model.alerts.AlertMeasure;
import dev.gatewayreports.model.alerts.Comparison;
import dev.gatewayreports.model.alerts.WindowKind;
import dev.gatewayreports.scheduling.delivery.Numbers;
import dev.gatewayreports.scheduling.delivery.ReportMailer;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How an alert reads in a mail: its figures in the measure's unit, the window in words, the subject. */
final class AlertWording {
    private static final int MAX_SUBJECT = 200;
    private static final DateTimeFormatter DAY_TIME =
            DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

    private AlertWording() {}

    /** A value of the measure as people read it: "$123.45", "1,234 requests", "2.5%", "840 ms"; "–" for none. */
    static String value(AlertMeasure measure, BigDecimal v) {
        if (v == null) {
            return Numbers.NONE;
        }
        return switch (measure) {
            case COST_USD -> Numbers.usd(v);
            case CREDITS -> Numbers.decimal(v) + " credits";
            case REQUESTS -> Numbers.decimal(v) + " requests";
            case TOKENS -> Numbers.decimal(v) + " tokens";
            case ERROR_RATE -> Numbers.percent(v);
            case P95_LATENCY_MS -> Numbers.millis(v);
        };
    }

    /** The measure as the subject of a sentence: "cost", "the error rate". */
    static String measure(AlertMeasure measure) {
        return switch (measure) {
            case COST_USD -> "cost";
            case CREDITS -> "credits";
            case REQUESTS -> "requests";
            case TOKENS -> "tokens";
            case ERROR_RATE -> "the error rate";
            case P95_LATENCY_MS -> "p95 latency";
        };
    }

    /** "last hour", "last day", "month to date". */
    static String window(WindowKind window) {
        return window.wire().replace('_', ' ');
    }

    static String operator(Comparison comparison) {
        return switch (comparison) {
            case GT -> ">";
            case GTE -> "≥";
            case LT -> "<";
            case LTE -> "≤";
        };
    }

    /** "above", "at or above", "below", "at or below". */
    static String comparisonWords(Comparison comparison) {
        return switch (comparison) {
            case GT -> "above";
            case GTE -> "at or above";
            case LT -> "below";
            case LTE -> "at or below";
        };
    }

    /** The subject's tag: "Firing", "Resolved", "Budget 80%", "Forecast". */
    static String tag(AlertEventKind eventKind) {
        return switch (eventKind) {
            case FIRED -> "Firing";
            case RESOLVED -> "Resolved";
            case FORECAST -> "Forecast";
            case BUDGET_50, BUDGET_80, BUDGET_100 -> "Budget " + budgetLevel(eventKind) + "%";
        };
    }

    /** The share of the budget a budget-level event stands for: 50, 80 or 100. */
    static int budgetLevel(AlertEventKind eventKind) {
        return switch (eventKind) {
            case BUDGET_50 -> 50;
            case BUDGET_80 -> 80;
            case BUDGET_100 -> 100;
            default -> throw new IllegalArgumentException(eventKind + " is not a budget level");
        };
    }

    /**
     * {@code [Firing] Platform daily cost: $123.45 > $100.00 (last day)}, {@code [Resolved] …: $80.00, back below
     * $100.00 (last day)}, {@code [Budget 80%] …: $81.20 of $100.00 (month to date)}, {@code [Forecast] …: $130.00
     * forecast > $100.00 (month end)}; safe for a header.
     */
    static String subject(ClaimedNotification n) {
        ClaimedNotification.Event e = n.event();
        ClaimedNotification.Rule r = n.rule();
        String value = value(r.measure(), e.value());
        String threshold = value(r.measure(), e.threshold());
        String rest = switch (e.kind()) {
            case FIRED -> value + " " + operator(r.comparison()) + " " + threshold + " (" + window(r.window()) + ")";
            case RESOLVED ->
                value + ", back " + (below(r.comparison()) ? "above " : "below ") + threshold + " ("
                        + window(r.window()) + ")";
            case FORECAST ->
                value(r.measure(), e.forecast()) + " forecast " + operator(r.comparison()) + " " + threshold
                        + " (month end)";
            case BUDGET_50, BUDGET_80, BUDGET_100 -> value + " of " + threshold + " (" + window(r.window()) + ")";
        };
        return ReportMailer.headerSafe("[" + tag(e.kind()) + "] " + r.name() + ": " + rest, MAX_SUBJECT);
    }

    /** Whether the rule fires when the value is low (lt, lte). */
    static boolean below(Comparison comparison) {
        return !comparison.upward();
    }

    /** The rule's zone, UTC when the row holds one this JVM does not know. */
    static ZoneId zone(String timezone) {
        try {
            return ZoneId.of(timezone);
        } catch (DateTimeException | NullPointerException e) {
            return ZoneOffset.UTC;
        }
    }

    /** "Wed 2 Dec 2026, 13:05 – 14:05" or "Tue 1 Dec 2026, 00:00 – Wed 2 Dec 2026, 14:05", in {@code zone}. */
    static String period(Instant start, Instant end, ZoneId zone) {
        ZonedDateTime from = start.atZone(zone);
        ZonedDateTime to = end.atZone(zone);
        String last = from.toLocalDate().equals(to.toLocalDate()) ? TIME.format(to) : DAY_TIME.format(to);
        return DAY_TIME.format(from) + " – " + last;
    }

    /** An instant in {@code zone}: "Wed 2 Dec 2026, 14:05". */
    static String at(Instant instant, ZoneId zone) {
        return DAY_TIME.format(instant.atZone(zone));
    }

    /** The first letter in upper case, except in a name like "p95" that is written in lower case. */
    static String capitalize(String s) {
        if (s.isEmpty() || s.matches("p\\d.*")) {
            return s;
        }
        return s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }
}
