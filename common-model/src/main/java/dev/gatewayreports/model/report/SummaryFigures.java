package dev.gatewayreports.model.report;

import java.math.BigDecimal;
import java.util.List;
import java.util.function.Function;

/**
 * The figures a {@link Summary} and its {@link PreviousPeriod} both hold, declared once: the same components,
 * names, titles and kinds; {@link ChangePercent} holds the change of each.
 */
public interface SummaryFigures extends TokenCounts {

    /** One figure: how a summary (or previous period) holds it, and how {@link ChangePercent} holds its change. */
    record Figure(ReportField<SummaryFigures> value, ReportField<ChangePercent> change) {}

    /** The figures, in component order. */
    List<Figure> FIGURES = List.of(
            figure(ReportColumn.TOTAL_REQUESTS, SummaryFigures::totalRequests, ChangePercent::totalRequests),
            figure(
                    ReportColumn.SUCCESSFUL_REQUESTS,
                    SummaryFigures::successfulRequests,
                    ChangePercent::successfulRequests),
            figure(ReportColumn.FAILED_REQUESTS, SummaryFigures::failedRequests, ChangePercent::failedRequests),
            figure(ReportColumn.ERROR_RATE, SummaryFigures::errorRate, ChangePercent::errorRate),
            figure(ReportColumn.TOTAL_CREDITS_USED, SummaryFigures::totalCreditsUsed, ChangePercent::totalCreditsUsed),
            figure(ReportColumn.TOTAL_COST_USD, SummaryFigures::totalCostUsd, ChangePercent::totalCostUsd),
            figure(ReportColumn.UNPRICED_REQUESTS, SummaryFigures::unpricedRequests, ChangePercent::unpricedRequests),
            figure(ReportColumn.INPUT_TOKENS, SummaryFigures::inputTokens, ChangePercent::inputTokens),
            figure(ReportColumn.OUTPUT_TOKENS, SummaryFigures::outputTokens, ChangePercent::outputTokens),
            figure(
                    ReportColumn.CACHE_READ_INPUT_TOKENS,
                    SummaryFigures::cacheReadInputTokens,
                    ChangePercent::cacheReadInputTokens),
            figure(
                    ReportColumn.CACHE_CREATION_5M_INPUT_TOKENS,
                    SummaryFigures::cacheCreation5mInputTokens,
                    ChangePercent::cacheCreation5mInputTokens),
            figure(
                    ReportColumn.CACHE_CREATION_1H_INPUT_TOKENS,
                    SummaryFigures::cacheCreation1hInputTokens,
                    ChangePercent::cacheCreation1hInputTokens),
            figure(
                    ReportColumn.WEB_SEARCH_REQUESTS,
                    SummaryFigures::webSearchRequests,
                    ChangePercent::webSearchRequests),
            figure(ReportColumn.TOTAL_TOKENS, SummaryFigures::totalTokens, ChangePercent::totalTokens),
            figure(ReportColumn.AVG_LATENCY_MS, SummaryFigures::avgLatencyMs, ChangePercent::avgLatencyMs),
            figure(ReportColumn.P95_LATENCY_MS, SummaryFigures::p95LatencyMs, ChangePercent::p95LatencyMs));

    /** The figures' fields, to declare a record's fields with. */
    List<ReportField<SummaryFigures>> VALUES =
            FIGURES.stream().map(Figure::value).toList();

    /** The figures in a report type's order (the summary has no name columns). */
    static List<Figure> inOrder(String reportType) {
        return Focus.order(FIGURES, figure -> figure.value().focus(), 0, reportType);
    }

    long totalRequests();

    long successfulRequests();

    long failedRequests();

    BigDecimal errorRate();

    BigDecimal totalCreditsUsed();

    BigDecimal totalCostUsd();

    long unpricedRequests();

    BigDecimal avgLatencyMs();

    BigDecimal p95LatencyMs();

    private static Figure figure(
            ReportColumn column, Function<SummaryFigures, ?> value, Function<ChangePercent, BigDecimal> change) {
        return new Figure(column.of(value), column.changeOf(change));
    }
}
