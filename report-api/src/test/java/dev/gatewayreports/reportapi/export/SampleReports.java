package dev.gatewayreports.reportapi.export;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.gatewayreports.model.report.Report;

/** Report objects (docs/report-object.md) for the export tests. */
final class SampleReports {

    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    /** Formula-looking texts that the CSV must escape. */
    static final String CALC = "=cmd|' /C calc'!A0";

    private SampleReports() {}

    /**
     * A comprehensive report over the week of the 2024 fall-back night in New York: every section, an hourly trend
     * with the two 01:00 hours, an empty array, null figures, formula-looking texts and negative change percents.
     */
    static JsonNode comprehensive() {
        return parse("""
                {
                  "report_id": "rpt_2f6c01",
                  "report_type": "comprehensive",
                  "team_id": "team_xyz",
                  "timezone": "America/New_York",
                  "generated_at": "2024-11-08T10:00:03Z",
                  "period_start": "2024-11-01T04:00:00Z",
                  "period_end": "2024-11-08T05:00:00Z",
                  "sections": {"summary": true, "daily_trend": true, "hourly_trend": true, "by_provider": true,
                               "by_model": true, "by_api_key": true, "performance": true, "slow_requests": true,
                               "error_details": true},
                  "data": {
                    "summary": {
                      "total_requests": 1234567, "successful_requests": 1200000, "failed_requests": 34567,
                      "error_rate": 2.8, "total_credits_used": 98765.123456, "total_cost_usd": 4321.000001,
                      "unpriced_requests": 0, "input_tokens": 9876543210, "output_tokens": 123456789,
                      "cache_read_input_tokens": 5000, "cache_creation_5m_input_tokens": 100,
                      "cache_creation_1h_input_tokens": 0, "web_search_requests": 12, "total_tokens": 10000005099,
                      "avg_latency_ms": 812.4, "p95_latency_ms": null,
                      "previous_period": {
                        "period_start": "2024-10-25T04:00:00Z", "period_end": "2024-11-01T04:00:00Z",
                        "total_requests": 1400000, "successful_requests": 1390000, "failed_requests": 10000,
                        "error_rate": 0.71, "total_credits_used": 100000, "total_cost_usd": 4400.5,
                        "unpriced_requests": 3, "input_tokens": 1, "output_tokens": 2, "cache_read_input_tokens": 3,
                        "cache_creation_5m_input_tokens": 4, "cache_creation_1h_input_tokens": 5,
                        "web_search_requests": 0, "total_tokens": 15, "avg_latency_ms": null, "p95_latency_ms": 1500.0
                      },
                      "change_percent": {
                        "total_requests": -11.82, "successful_requests": -13.67, "failed_requests": 245.67,
                        "error_rate": 294.37, "total_credits_used": -1.23, "total_cost_usd": -1.81,
                        "unpriced_requests": -100.0, "input_tokens": 987654321000.0, "output_tokens": 6172839350.0,
                        "cache_read_input_tokens": 166566.67, "cache_creation_5m_input_tokens": 2400.0,
                        "cache_creation_1h_input_tokens": -100.0, "web_search_requests": null,
                        "total_tokens": 66666700560.0, "avg_latency_ms": null, "p95_latency_ms": null
                      }
                    },
                    "daily_trend": [
                      %s
                    ],
                    "hourly_trend": [
                      {"hour": "2024-11-03T00:00:00-04:00", "requests": 10, "successful_requests": 9, "errors": 1,
                       "error_rate": 10.0, "credits": 1.5, "cost_usd": 0.015, "input_tokens": 100, "output_tokens": 10,
                       "cache_read_input_tokens": 0, "cache_creation_5m_input_tokens": 0,
                       "cache_creation_1h_input_tokens": 0, "total_tokens": 110},
                      {"hour": "2024-11-03T01:00:00-04:00", "requests": 20, "successful_requests": 20, "errors": 0,
                       "error_rate": 0.0, "credits": 3, "cost_usd": 0.03, "input_tokens": 200, "output_tokens": 20,
                       "cache_read_input_tokens": 0, "cache_creation_5m_input_tokens": 0,
                       "cache_creation_1h_input_tokens": 0, "total_tokens": 220},
                      {"hour": "2024-11-03T01:00:00-05:00", "requests": 30, "successful_requests": 29, "errors": 1,
                       "error_rate": 3.33, "credits": 4.5, "cost_usd": 0.045, "input_tokens": 300, "output_tokens": 30,
                       "cache_read_input_tokens": 0, "cache_creation_5m_input_tokens": 0,
                       "cache_creation_1h_input_tokens": 0, "total_tokens": 330},
                      {"hour": "2024-11-03T02:00:00-05:00", "requests": 0, "successful_requests": 0, "errors": 0,
                       "error_rate": null, "credits": 0, "cost_usd": 0, "input_tokens": 0, "output_tokens": 0,
                       "cache_read_input_tokens": 0, "cache_creation_5m_input_tokens": 0,
                       "cache_creation_1h_input_tokens": 0, "total_tokens": 0}
                    ],
                    "by_provider": [
                      {"provider": "=cmd|' /C calc'!A0", "requests": 1000000, "percentage": 81.0, "credits": 80000.5,
                       "cost_usd": 4000.25},
                      {"provider": "+1", "requests": 200000, "percentage": 16.2, "credits": 18000.000001,
                       "cost_usd": 300.000001},
                      {"provider": "-2", "requests": 30000, "percentage": 2.43, "credits": 764.622455,
                       "cost_usd": 20.75},
                      {"provider": "@x", "requests": 4000, "percentage": 0.32, "credits": 0.000001, "cost_usd": 0.000001},
                      {"provider": "\\tx", "requests": 567, "percentage": 0.05, "credits": 0, "cost_usd": 0}
                    ],
                    "by_model": [
                      {"model": "claude-sonnet-4", "provider": "anthropic", "requests": 1000000, "percentage": 81.0,
                       "credits": 80000.5, "cost_usd": 4000.25, "input_tokens": 9000000000, "output_tokens": 100000000,
                       "cache_read_input_tokens": 5000, "cache_creation_5m_input_tokens": 100,
                       "cache_creation_1h_input_tokens": 0, "total_tokens": 9100005100, "p95_latency_ms": 2100.5},
                      {"model": "\\rrm -rf", "provider": "openai", "requests": 234567, "percentage": 19.0,
                       "credits": 18764.623456, "cost_usd": 320.750001, "input_tokens": 876543210,
                       "output_tokens": 23456789, "cache_read_input_tokens": 0, "cache_creation_5m_input_tokens": 0,
                       "cache_creation_1h_input_tokens": 0, "total_tokens": 899999999, "p95_latency_ms": null}
                    ],
                    "by_api_key": [],
                    "performance": {
                      "overall": {"requests": 1234567, "avg_latency_ms": 812.4, "p50_latency_ms": 640.0,
                                  "p95_latency_ms": 2000.1, "p99_latency_ms": 4100.9, "max_latency_ms": 29999.9},
                      "by_model": [
                        {"model": "claude-sonnet-4", "provider": "anthropic", "requests": 1000000, "avg_latency_ms": 900.1,
                         "p50_latency_ms": 700.0, "p95_latency_ms": 2100.5, "p99_latency_ms": 4200.0,
                         "max_latency_ms": 29999.9},
                        {"model": "gpt-4o", "provider": "openai", "requests": 234567, "avg_latency_ms": null,
                         "p50_latency_ms": null, "p95_latency_ms": null, "p99_latency_ms": null, "max_latency_ms": null}
                      ]
                    },
                    "slow_requests": [
                      {"request_id": "req_1", "occurred_at": "2024-11-03T05:30:00Z", "provider": "anthropic",
                       "model": "claude-sonnet-4", "latency_ms": 29999.9, "status": "success"},
                      {"request_id": "-req_2", "occurred_at": "2024-11-03T06:30:00.5Z", "provider": "openai",
                       "model": "gpt-4o", "latency_ms": 28000.0, "status": "error"}
                    ],
                    "error_details": {
                      "total_requests": 1234567, "failed_requests": 34567, "error_rate": 2.8,
                      "by_error_type": [
                        {"error_type": "rate_limit", "errors": 30000, "percentage": 86.79},
                        {"error_type": "=1+1", "errors": 4567, "percentage": 13.21}
                      ],
                      "by_model": [],
                      "recent_errors": [
                        {"request_id": "req_9", "occurred_at": "2024-11-07T23:59:59Z", "provider": "openai",
                         "model": "gpt-4o", "error_type": "rate_limit", "http_status": 429,
                         "error_message": "=HYPERLINK(\\"http://evil\\",\\"click\\")", "latency_ms": 12.3},
                        {"request_id": "req_8", "occurred_at": "2024-11-07T23:00:00Z", "provider": "anthropic",
                         "model": "claude-sonnet-4", "error_type": "overloaded", "http_status": 529,
                         "error_message": "Überlastet, \\"bitte\\" später, line1\\nline2", "latency_ms": null}
                      ]
                    }
                  }
                }
                """.formatted(dailyRows()));
    }

    /** A cost report (credits and cost lead each row), with only a summary-less daily trend and providers. */
    static JsonNode costReport() {
        return parse("""
                {"report_id": null, "report_type": "cost", "team_id": "all", "timezone": "Asia/Kolkata",
                 "generated_at": "2024-12-26T10:00:03Z", "period_start": "2024-12-18T18:30:00Z",
                 "period_end": "2024-12-20T12:00:00Z",
                 "data": {
                   "daily_trend": [
                     {"date": "2024-12-19", "credits": 12.5, "cost_usd": 0.125, "requests": 3},
                     {"date": "2024-12-20", "credits": 0, "cost_usd": 0, "requests": 0}
                   ],
                   "by_provider": [{"provider": "anthropic", "credits": 12.5, "cost_usd": 0.125, "requests": 3,
                                    "percentage": 100.0}],
                   "hourly_trend": null
                 }}
                """);
    }

    private static String dailyRows() {
        StringBuilder rows = new StringBuilder();
        String[] dates = {
            "2024-11-01", "2024-11-02", "2024-11-03", "2024-11-04", "2024-11-05", "2024-11-06", "2024-11-07"
        };
        for (int i = 0; i < dates.length; i++) {
            long requests = 150_000L + i * 12_345L;
            rows.append(i == 0 ? "" : ",\n").append("""
                            {"date": "%s", "requests": %d, "successful_requests": %d, "errors": %d, "error_rate": %s,
                             "credits": %s, "cost_usd": %s, "input_tokens": %d, "output_tokens": %d,
                             "cache_read_input_tokens": %d, "cache_creation_5m_input_tokens": 0,
                             "cache_creation_1h_input_tokens": 0, "total_tokens": %d}""".formatted(
                            dates[i],
                            requests,
                            requests - 4000 - i,
                            4000 + i,
                            i == 3 ? "null" : "2." + (60 + i),
                            "14109." + (300000 + i * 7),
                            i == 6 ? "0.000001" : "617.28" + i + "071",
                            1_400_000_000L + i,
                            17_000_000L + i,
                            700L * i,
                            1_417_000_000L + 701L * i));
        }
        return rows.toString();
    }

    /**
     * The report object of this JSON as the records write it: every field of each row present, in the records'
     * order (a sample that leaves a figure out gets it as zero or null, as a report read back would).
     */
    static JsonNode parse(String json) {
        try {
            return JSON.readTree(JSON.writeValueAsString(typed(JSON.readTree(json))));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The report the writers take: the JSON read into the records, as a saved report is. */
    static Report typed(JsonNode json) {
        try {
            return JSON.treeToValue(json, Report.class);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
