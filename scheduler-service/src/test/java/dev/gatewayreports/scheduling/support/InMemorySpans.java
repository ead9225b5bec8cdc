package dev.gatewayreports.scheduling.support;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * The test application's span exporter: quarkus-opentelemetry exports to a {@code SpanExporter} bean when there is
 * one (instead of OTLP), so tests read the finished spans here, as Quarkus' own OpenTelemetry tests do.
 */
@ApplicationScoped
public class InMemorySpans {

    @Produces
    @Singleton
    InMemorySpanExporter exporter() {
        return InMemorySpanExporter.create();
    }

    /** The finished spans that match once there are at least {@code count}, waiting up to 10 s for the export. */
    public static List<SpanData> await(InMemorySpanExporter exporter, int count, Predicate<SpanData> match) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<SpanData> found;
        do {
            found = exporter.getFinishedSpanItems().stream().filter(match).toList();
            if (found.size() >= count) {
                return found;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return found;
            }
        } while (System.nanoTime() < deadline);
        return found;
    }
}
