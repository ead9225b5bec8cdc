package dev.gatewayreports.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsScrapeTest {

    @Test
    void shouldReadTheSampleValueNotTheExemplarsThatOpenTelemetryAppends() {
        MetricsScrape scrape = new MetricsScrape("""
                # TYPE reports_ingest_events_total counter
                reports_ingest_events_total{outcome="accepted"} 3.0 # {span_id="5f1c",trace_id="9a0b"} 1.0 1764680000.123
                reports_ingest_events_total{outcome="rejected"} 2.0
                reports_admin_pages_total{report="a}b"} 4.0 # {trace_id="x"} 1.0
                reports_db_pool_max_connections 16.0
                """);

        assertEquals(3.0, scrape.value("reports_ingest_events_total", Map.of("outcome", "accepted")));
        assertEquals(5.0, scrape.value("reports_ingest_events_total"));
        assertEquals(4.0, scrape.value("reports_admin_pages_total", Map.of("report", "a}b")));
        assertEquals(16.0, scrape.value("reports_db_pool_max_connections"));
    }
}
