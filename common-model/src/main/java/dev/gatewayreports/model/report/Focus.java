package dev.gatewayreports.model.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What a report type puts first in its rows: each field names the figure it is ({@link ReportField#focus()}), and a
 * report type's focus figures move right after a row's name columns (a cost report's rows lead with credits and
 * USD). The fields of a record are otherwise in record component order.
 */
public enum Focus {
    /** Never moved. */
    NONE,
    /** {@code requests}, {@code total_requests}. */
    REQUESTS,
    /** {@code credits}, {@code total_credits_used}. */
    CREDITS,
    /** {@code cost_usd}, {@code total_cost_usd}. */
    COST,
    /** {@code errors}. */
    ERRORS,
    /** {@code error_rate}. */
    ERROR_RATE,
    /** {@code failed_requests}. */
    FAILED_REQUESTS,
    /** {@code avg_latency_ms}. */
    AVG_LATENCY,
    /** {@code p95_latency_ms}. */
    P95_LATENCY;

    private static final List<Focus> COST_FOCUS = List.of(CREDITS, COST);
    private static final List<Focus> ERROR_FOCUS = List.of(ERRORS, ERROR_RATE, FAILED_REQUESTS);
    private static final List<Focus> PERFORMANCE_FOCUS = List.of(AVG_LATENCY, P95_LATENCY);
    private static final List<Focus> USAGE_FOCUS = List.of(REQUESTS);

    /**
     * The figures a report type leads with, in that order: cost → credits and USD, error → errors, error rate and
     * failed requests, performance → latency, usage, comprehensive (and no type) → requests.
     */
    public static List<Focus> of(String reportType) {
        return switch (reportType == null ? "" : reportType) {
            case "cost" -> COST_FOCUS;
            case "error" -> ERROR_FOCUS;
            case "performance" -> PERFORMANCE_FOCUS;
            default -> USAGE_FOCUS;
        };
    }

    /** The items in a report type's order: the {@code names} leading ones, then the focus ones, then the rest. */
    static <T> List<T> order(List<T> items, Function<T, Focus> focus, int names, String reportType) {
        List<Focus> lead = of(reportType);
        List<T> tail = items.subList(names, items.size());
        List<T> out = new ArrayList<>(items.subList(0, names));
        for (Focus figure : lead) {
            tail.stream().filter(item -> focus.apply(item) == figure).forEach(out::add);
        }
        tail.stream().filter(item -> !lead.contains(focus.apply(item))).forEach(out::add);
        return List.copyOf(out);
    }
}
