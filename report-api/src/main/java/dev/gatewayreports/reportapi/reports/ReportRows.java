package dev.gatewayreports.reportapi.reports;

import static dev.gatewayreports.reportapi.reports.ReportNumbers.change;
import static dev.gatewayreports.reportapi.reports.ReportNumbers.millis;
import static dev.gatewayreports.reportapi.reports.ReportNumbers.money;
import static dev.gatewayreports.reportapi.reports.ReportNumbers.percent;

import dev.gatewayreports.model.report.ApiKeyRow;
import dev.gatewayreports.model.report.ChangePercent;
import dev.gatewayreports.model.report.DailyTrendRow;
import dev.gatewayreports.model.report.HourlyTrendRow;
import dev.gatewayreports.model.report.Latency;
import dev.gatewayreports.model.report.ModelLatencyRow;
import dev.gatewayreports.model.report.ModelRow;
import dev.gatewayreports.model.report.PreviousPeriod;
import dev.gatewayreports.model.report.ProviderRow;
import dev.gatewayreports.model.report.Summary;
import dev.gatewayreports.model.stats.Figures;
import java.math.BigDecimal;
import java.time.Instant;

/** The rows of each section, built from the engine's figures (docs/report-object.md). */
final class ReportRows {
    private ReportRows() {}

    /** The summary of a period, with the previous period's figures and the change from them. */
    static Summary summary(Figures f, Figures p, Instant previousStart, Instant previousEnd) {
        PreviousPeriod previous = new PreviousPeriod(
                previousStart.toString(),
                previousEnd.toString(),
                p.requests(),
                p.successes(),
                p.errors(),
                percent(p.errors(), p.requests()),
                money(p.credits()),
                money(p.costUsd()),
                p.unpricedRequests(),
                p.inputTokens(),
                p.outputTokens(),
                p.cacheReadInputTokens(),
                p.cacheCreation5mInputTokens(),
                p.cacheCreation1hInputTokens(),
                p.webSearchRequests(),
                totalTokens(p),
                millis(p.latencyAvg()),
                millis(p.latencyPercentile(95)));
        ChangePercent changes = new ChangePercent(
                change(f.requests(), p.requests()),
                change(f.successes(), p.successes()),
                change(f.errors(), p.errors()),
                change(percent(f.errors(), f.requests()), previous.errorRate()),
                change(money(f.credits()), previous.totalCreditsUsed()),
                change(money(f.costUsd()), previous.totalCostUsd()),
                change(f.unpricedRequests(), p.unpricedRequests()),
                change(f.inputTokens(), p.inputTokens()),
                change(f.outputTokens(), p.outputTokens()),
                change(f.cacheReadInputTokens(), p.cacheReadInputTokens()),
                change(f.cacheCreation5mInputTokens(), p.cacheCreation5mInputTokens()),
                change(f.cacheCreation1hInputTokens(), p.cacheCreation1hInputTokens()),
                change(f.webSearchRequests(), p.webSearchRequests()),
                change(totalTokens(f), totalTokens(p)),
                change(millis(f.latencyAvg()), previous.avgLatencyMs()),
                change(millis(f.latencyPercentile(95)), previous.p95LatencyMs()));
        return new Summary(
                f.requests(),
                f.successes(),
                f.errors(),
                percent(f.errors(), f.requests()),
                money(f.credits()),
                money(f.costUsd()),
                f.unpricedRequests(),
                f.inputTokens(),
                f.outputTokens(),
                f.cacheReadInputTokens(),
                f.cacheCreation5mInputTokens(),
                f.cacheCreation1hInputTokens(),
                f.webSearchRequests(),
                totalTokens(f),
                millis(f.latencyAvg()),
                millis(f.latencyPercentile(95)),
                previous,
                changes);
    }

    /** A {@code daily_trend} row. */
    static DailyTrendRow day(String date, Figures f) {
        return new DailyTrendRow(
                date,
                f.requests(),
                f.successes(),
                f.errors(),
                percent(f.errors(), f.requests()),
                money(f.credits()),
                money(f.costUsd()),
                f.inputTokens(),
                f.outputTokens(),
                f.cacheReadInputTokens(),
                f.cacheCreation5mInputTokens(),
                f.cacheCreation1hInputTokens(),
                f.webSearchRequests(),
                totalTokens(f));
    }

    /** An {@code hourly_trend} row. */
    static HourlyTrendRow hour(String hour, Figures f) {
        return new HourlyTrendRow(
                hour,
                f.requests(),
                f.successes(),
                f.errors(),
                percent(f.errors(), f.requests()),
                money(f.credits()),
                money(f.costUsd()),
                f.inputTokens(),
                f.outputTokens(),
                f.cacheReadInputTokens(),
                f.cacheCreation5mInputTokens(),
                f.cacheCreation1hInputTokens(),
                f.webSearchRequests(),
                totalTokens(f));
    }

    /** A row of {@code by_provider}. */
    static ProviderRow provider(String provider, Figures f, long totalRequests) {
        return new ProviderRow(
                provider, f.requests(), percent(f.requests(), totalRequests), money(f.credits()), money(f.costUsd()));
    }

    /** A row of {@code by_api_key}. */
    static ApiKeyRow apiKey(String apiKeyId, Figures f, long totalRequests) {
        return new ApiKeyRow(
                apiKeyId, f.requests(), percent(f.requests(), totalRequests), money(f.credits()), money(f.costUsd()));
    }

    /** A row of {@code by_model}. */
    static ModelRow model(String model, String provider, Figures f, long totalRequests) {
        return new ModelRow(
                model,
                provider,
                f.requests(),
                percent(f.requests(), totalRequests),
                money(f.credits()),
                money(f.costUsd()),
                f.inputTokens(),
                f.outputTokens(),
                f.cacheReadInputTokens(),
                f.cacheCreation5mInputTokens(),
                f.cacheCreation1hInputTokens(),
                f.webSearchRequests(),
                totalTokens(f),
                millis(f.latencyPercentile(95)));
    }

    /** Latency figures of {@code performance} over every model. */
    static Latency latency(Figures f) {
        return new Latency(
                f.requests(),
                millis(f.latencyAvg()),
                millis(f.latencyPercentile(50)),
                millis(f.latencyPercentile(95)),
                millis(f.latencyPercentile(99)),
                max(f));
    }

    /** Latency figures of one model of {@code performance}. */
    static ModelLatencyRow latency(String model, String provider, Figures f) {
        return new ModelLatencyRow(
                model,
                provider,
                f.requests(),
                millis(f.latencyAvg()),
                millis(f.latencyPercentile(50)),
                millis(f.latencyPercentile(95)),
                millis(f.latencyPercentile(99)),
                max(f));
    }

    /** The exact maximum latency in whole milliseconds; null without requests. */
    private static BigDecimal max(Figures f) {
        return f.latencyMax() == null ? null : BigDecimal.valueOf(f.latencyMax());
    }

    static long totalTokens(Figures f) {
        return f.inputTokens()
                + f.outputTokens()
                + f.cacheReadInputTokens()
                + f.cacheCreation5mInputTokens()
                + f.cacheCreation1hInputTokens();
    }
}
