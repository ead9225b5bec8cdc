package dev.gatewayreports.model.report;

import java.math.BigDecimal;
import java.util.List;

/**
 * The figures a {@link DailyTrendRow} and an {@link HourlyTrendRow} both hold after their day or hour, declared
 * once. Requests and cost are the lines of the daily trend's chart.
 */
public interface TrendFigures extends TokenCounts {

    /** The figures' fields, in component order. */
    List<ReportField<TrendFigures>> FIGURES = List.of(
            ReportColumn.REQUESTS.of(TrendFigures::requests, ChartRole.LEFT_AXIS),
            ReportColumn.SUCCESSFUL_REQUESTS.of(TrendFigures::successfulRequests),
            ReportColumn.ERRORS.of(TrendFigures::errors),
            ReportColumn.ERROR_RATE.of(TrendFigures::errorRate),
            ReportColumn.CREDITS.of(TrendFigures::credits),
            ReportColumn.COST_USD.of(TrendFigures::costUsd, ChartRole.RIGHT_AXIS),
            ReportColumn.INPUT_TOKENS.of(TrendFigures::inputTokens),
            ReportColumn.OUTPUT_TOKENS.of(TrendFigures::outputTokens),
            ReportColumn.CACHE_READ_INPUT_TOKENS.of(TrendFigures::cacheReadInputTokens),
            ReportColumn.CACHE_CREATION_5M_INPUT_TOKENS.of(TrendFigures::cacheCreation5mInputTokens),
            ReportColumn.CACHE_CREATION_1H_INPUT_TOKENS.of(TrendFigures::cacheCreation1hInputTokens),
            ReportColumn.WEB_SEARCH_REQUESTS.of(TrendFigures::webSearchRequests),
            ReportColumn.TOTAL_TOKENS.of(TrendFigures::totalTokens));

    long requests();

    long successfulRequests();

    long errors();

    BigDecimal errorRate();

    BigDecimal credits();

    BigDecimal costUsd();
}
