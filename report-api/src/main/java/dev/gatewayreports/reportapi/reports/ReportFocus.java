package dev.gatewayreports.reportapi.reports;

import static dev.gatewayreports.reportapi.reports.ReportNumbers.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatewayreports.reportapi.export.FieldOrder;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * What a report type puts first: the columns it leads with and the order of its rows. A cost report leads with
 * credits and USD and ranks by USD; an error report with errors; a performance report with latency; the others
 * with requests.
 */
final class ReportFocus {
    private final ReportType type;
    private final List<String> lead;

    ReportFocus(ReportType type) {
        this.type = type;
        this.lead = FieldOrder.focus(type.wire());
    }

    /** The row with this type's focus right after its first {@code names} columns. */
    ObjectNode lead(ObjectNode row, int names) {
        return ReportRows.lead(row, names, lead);
    }

    /** Rows largest first by this type's focus, then by name. */
    ArrayNode sorted(List<ObjectNode> rows) {
        Comparator<ObjectNode> order = type == ReportType.COST
                ? Comparator.comparing((ObjectNode r) -> decimal(r.get("cost_usd")))
                        .thenComparing(r -> decimal(r.get("credits")))
                        .thenComparingLong(r -> r.path("requests").longValue())
                        .reversed()
                : Comparator.comparingLong((ObjectNode r) -> r.path("requests").longValue())
                        .reversed();
        order = order.thenComparing(r -> name(r), Comparator.nullsLast(Comparator.naturalOrder()));
        ArrayNode out = JSON.arrayNode();
        rows.stream().sorted(order).forEach(out::add);
        return out;
    }

    /** Largest count first, then by name (nulls last). */
    static <T> Comparator<T> byCount(ToLongFunction<T> count, Function<T, String> name) {
        return Comparator.comparingLong(count)
                .reversed()
                .thenComparing(name, Comparator.nullsLast(Comparator.naturalOrder()));
    }

    private static BigDecimal decimal(JsonNode node) {
        return node == null || !node.isNumber() ? BigDecimal.ZERO : node.decimalValue();
    }

    private static String name(ObjectNode row) {
        JsonNode first = row.elements().next();
        return first.isNull() ? null : first.asText();
    }
}
