package dev.gatewayreports.reportapi.reports;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * The order of a report type's rows: a cost report ranks by USD (then credits, then requests), the others by
 * requests; then by name. (The columns a type leads with are {@link dev.gatewayreports.model.report.Focus}.)
 */
final class ReportFocus {
    private final ReportType type;

    ReportFocus(ReportType type) {
        this.type = type;
    }

    /** Rows largest first by this type's focus, then by name (nulls last). */
    <T> List<T> sorted(
            List<T> rows,
            Function<T, String> name,
            ToLongFunction<T> requests,
            Function<T, BigDecimal> credits,
            Function<T, BigDecimal> costUsd) {
        Comparator<T> order = type == ReportType.COST
                ? Comparator.comparing((T r) -> orZero(costUsd.apply(r)))
                        .thenComparing(r -> orZero(credits.apply(r)))
                        .thenComparingLong(requests)
                        .reversed()
                : Comparator.comparingLong(requests).reversed();
        return rows.stream()
                .sorted(order.thenComparing(name, Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
    }

    /** Largest count first, then by name (nulls last). */
    static <T> Comparator<T> byCount(ToLongFunction<T> count, Function<T, String> name) {
        return Comparator.comparingLong(count)
                .reversed()
                .thenComparing(name, Comparator.nullsLast(Comparator.naturalOrder()));
    }

    private static BigDecimal orZero(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }
}
