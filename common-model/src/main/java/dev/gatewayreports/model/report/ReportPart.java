package dev.gatewayreports.model.report;

/**
 * A record of the report tree. Sealed, so {@link ReportFields#of} names the fields of each one and a new record
 * does not compile until it declares them.
 */
public sealed interface ReportPart
        permits Report,
                Sections,
                ReportData,
                Summary,
                PreviousPeriod,
                ChangePercent,
                DailyTrendRow,
                HourlyTrendRow,
                ProviderRow,
                ModelRow,
                ApiKeyRow,
                Performance,
                Latency,
                ModelLatencyRow,
                SlowRequest,
                ErrorDetails,
                ErrorTypeRow,
                ModelErrorRow,
                RecentError {}
