package dev.gatewayreports.model.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a report type puts first in its rows: its focus fields move right after a row's name columns (a cost report's
 * rows lead with credits and USD). The fields of a record are otherwise in record component order.
 */
public final class Focus {

    /** How many leading name columns the focus follows, per record that has a focus; the others keep their order. */
    private static final Map<Class<?>, Integer> NAME_COLUMNS = Map.of(
            Summary.class, 0,
            PreviousPeriod.class, 2,
            ChangePercent.class, 0,
            DailyTrendRow.class, 1,
            HourlyTrendRow.class, 1,
            ProviderRow.class, 1,
            ApiKeyRow.class, 1,
            ModelRow.class, 2,
            ModelLatencyRow.class, 2);

    private Focus() {}

    /**
     * The focus fields of a report type (its wire name), in the order they lead: cost → credits and USD, error →
     * errors, performance → latency, usage, comprehensive (and no type) → requests.
     */
    public static List<String> of(String reportType) {
        return switch (reportType == null ? "" : reportType) {
            case "cost" -> List.of("credits", "cost_usd", "total_credits_used", "total_cost_usd");
            case "error" -> List.of("errors", "error_rate", "failed_requests");
            case "performance" -> List.of("avg_latency_ms", "p95_latency_ms");
            default -> List.of("requests", "total_requests");
        };
    }

    /** The keys of a record in a report type's order: its name columns, the focus keys it has, the rest. */
    static List<String> order(Class<?> type, List<String> keys, String reportType) {
        Integer names = NAME_COLUMNS.get(type);
        if (names == null) {
            return keys;
        }
        List<String> lead = of(reportType).stream().filter(keys::contains).toList();
        List<String> out = new ArrayList<>(keys.subList(0, names));
        out.addAll(lead);
        keys.stream().skip(names).filter(k -> !lead.contains(k)).forEach(out::add);
        return List.copyOf(out);
    }
}
