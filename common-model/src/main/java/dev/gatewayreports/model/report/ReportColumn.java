package dev.gatewayreports.model.report;

import static dev.gatewayreports.model.report.FieldKind.COUNT;
import static dev.gatewayreports.model.report.FieldKind.INSTANT;
import static dev.gatewayreports.model.report.FieldKind.MILLIS;
import static dev.gatewayreports.model.report.FieldKind.PERCENT;
import static dev.gatewayreports.model.report.FieldKind.TEXT;
import static dev.gatewayreports.model.report.FieldKind.USD;

import java.math.BigDecimal;
import java.util.function.Function;

/**
 * The report's columns, each with its one title and kind wherever it appears: a record binds its components to
 * these ({@link #of}), so {@code requests} is "Requests", a count, in every table. The JSON name is the record
 * component's {@code @JsonProperty} ({@code ReportFieldsTest} checks that they agree).
 */
public enum ReportColumn {
    REPORT_ID("report_id", "Report ID", TEXT),
    REPORT_TYPE("report_type", "Report type", TEXT),
    TEAM_ID("team_id", "Team", TEXT),
    TIMEZONE("timezone", "Time zone", TEXT),
    GENERATED_AT("generated_at", "Generated at (UTC)", INSTANT),
    PERIOD_START("period_start", "Period start (UTC)", INSTANT),
    PERIOD_END("period_end", "Period end (UTC)", INSTANT),
    DATE("date", "Date", FieldKind.DATE),
    HOUR("hour", "Hour (local)", FieldKind.HOUR),
    PROVIDER("provider", "Provider", TEXT),
    MODEL("model", "Model", TEXT),
    API_KEY_ID("api_key_id", "API key", TEXT),
    REQUEST_ID("request_id", "Request ID", TEXT),
    OCCURRED_AT("occurred_at", "Occurred at (UTC)", INSTANT),
    STATUS("status", "Status", TEXT),
    ERROR_TYPE("error_type", "Error type", TEXT),
    HTTP_STATUS("http_status", "HTTP status", COUNT),
    ERROR_MESSAGE("error_message", "Error message", TEXT),
    REQUESTS("requests", "Requests", COUNT, Focus.REQUESTS),
    TOTAL_REQUESTS("total_requests", "Total requests", COUNT, Focus.REQUESTS),
    SUCCESSFUL_REQUESTS("successful_requests", "Successful requests", COUNT),
    FAILED_REQUESTS("failed_requests", "Failed requests", COUNT, Focus.FAILED_REQUESTS),
    ERRORS("errors", "Errors", COUNT, Focus.ERRORS),
    ERROR_RATE("error_rate", "Error rate (%)", PERCENT, Focus.ERROR_RATE),
    PERCENTAGE("percentage", "Share (%)", PERCENT),
    CREDITS("credits", "Credits", FieldKind.CREDITS, Focus.CREDITS),
    TOTAL_CREDITS_USED("total_credits_used", "Credits used", FieldKind.CREDITS, Focus.CREDITS),
    COST_USD("cost_usd", "Cost (USD)", USD, Focus.COST),
    TOTAL_COST_USD("total_cost_usd", "Total cost (USD)", USD, Focus.COST),
    UNPRICED_REQUESTS("unpriced_requests", "Unpriced requests", COUNT),
    INPUT_TOKENS("input_tokens", "Input tokens", COUNT),
    OUTPUT_TOKENS("output_tokens", "Output tokens", COUNT),
    CACHE_READ_INPUT_TOKENS("cache_read_input_tokens", "Cache read tokens", COUNT),
    CACHE_CREATION_5M_INPUT_TOKENS("cache_creation_5m_input_tokens", "Cache write tokens (5 min)", COUNT),
    CACHE_CREATION_1H_INPUT_TOKENS("cache_creation_1h_input_tokens", "Cache write tokens (1 h)", COUNT),
    WEB_SEARCH_REQUESTS("web_search_requests", "Web search requests", COUNT),
    TOTAL_TOKENS("total_tokens", "Total tokens", COUNT),
    LATENCY_MS("latency_ms", "Latency (ms)", MILLIS),
    AVG_LATENCY_MS("avg_latency_ms", "Average latency (ms)", MILLIS, Focus.AVG_LATENCY),
    P50_LATENCY_MS("p50_latency_ms", "P50 latency (ms)", MILLIS),
    P95_LATENCY_MS("p95_latency_ms", "P95 latency (ms)", MILLIS, Focus.P95_LATENCY),
    P99_LATENCY_MS("p99_latency_ms", "P99 latency (ms)", MILLIS),
    MAX_LATENCY_MS("max_latency_ms", "Max latency (ms)", MILLIS);

    private final String jsonName;
    private final String title;
    private final FieldKind kind;
    private final Focus focus;

    ReportColumn(String jsonName, String title, FieldKind kind) {
        this(jsonName, title, kind, Focus.NONE);
    }

    ReportColumn(String jsonName, String title, FieldKind kind, Focus focus) {
        this.jsonName = jsonName;
        this.title = title;
        this.kind = kind;
        this.focus = focus;
    }

    /** The JSON key (and CSV header). */
    public String jsonName() {
        return jsonName;
    }

    /** The human name (XLSX header, summary row). */
    public String title() {
        return title;
    }

    public FieldKind kind() {
        return kind;
    }

    public Focus focus() {
        return focus;
    }

    /** This column as the field of a record, read by {@code value}. */
    public <R> ReportField<R> of(Function<? super R, ?> value) {
        return of(value, ChartRole.NONE);
    }

    /** This column as the field of a record, read by {@code value}, with its role in the table's chart. */
    public <R> ReportField<R> of(Function<? super R, ?> value, ChartRole chart) {
        return new ReportField<>(jsonName, title, kind, focus, chart, value);
    }

    /** The change in percent of this figure ({@link ChangePercent}): same name and focus, a percent. */
    public <R> ReportField<R> changeOf(Function<? super R, BigDecimal> value) {
        return new ReportField<>(jsonName, title, PERCENT, focus, ChartRole.NONE, value);
    }
}
