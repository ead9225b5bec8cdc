package dev.gatewayreports.reportapi.support;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
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

    /** The first finished span that matches, waiting up to 10 s for the batch processor to export it. */
    public static Optional<SpanData> await(InMemorySpanExporter exporter, Predicate<SpanData> match) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        do {
            List<SpanData> spans = exporter.getFinishedSpanItems();
            Optional<SpanData> found = spans.stream().filter(match).findFirst();
            if (found.isPresent()) {
                return found;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        } while (System.nanoTime() < deadline);
        return Optional.empty();
    }
}
