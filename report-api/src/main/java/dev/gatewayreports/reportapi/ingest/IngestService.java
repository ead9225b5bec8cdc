package dev.gatewayreports.reportapi.ingest;

import dev.gatewayreports.model.events.UsageEvent;
import dev.gatewayreports.model.pricing.CostBreakdown;
import dev.gatewayreports.model.pricing.PriceBook;
import dev.gatewayreports.reportapi.metrics.ReportApiMetrics;
import dev.gatewayreports.reportapi.quotas.IngestRateLimiter;
import dev.gatewayreports.reportapi.teams.Organizations;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Validates, prices, de-duplicates and stores one ingest request, accepting what is valid. */
@ApplicationScoped
public class IngestService {
    private final IngestConfig config;
    private final PriceBookCache prices;
    private final PartitionMaintenance partitions;
    private final Organizations organizations;
    private final EventStore store;
    private final IngestRateLimiter rateLimiter;
    private final ReportApiMetrics metrics;
    private final Clock clock;

    public IngestService(
            IngestConfig config,
            PriceBookCache prices,
            PartitionMaintenance partitions,
            Organizations organizations,
            EventStore store,
            IngestRateLimiter rateLimiter,
            ReportApiMetrics metrics,
            Clock clock) {
        this.config = config;
        this.prices = prices;
        this.partitions = partitions;
        this.organizations = organizations;
        this.store = store;
        this.rateLimiter = rateLimiter;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Ingests one request of {@code credential} (whose rate limits apply, when configured). */
    public IngestResponse ingest(String orgId, String credential, byte[] body, boolean ndjson) {
        long started = System.nanoTime();
        List<EventBody.Item> items = EventBody.read(body, ndjson, config.maxEvents());
        rateLimiter.take(credential, items.size());
        EventValidator validator = new EventValidator(clock.instant(), config.maxFuture(), config.maxAge());
        PriceBook book = prices.get();
        List<IngestResponse.Rejected> rejected = new ArrayList<>();
        List<Candidate> candidates = new ArrayList<>(items.size());
        IdentityDigest digest = new IdentityDigest();
        Set<UUID> seen = new HashSet<>(items.size() * 2);
        int duplicatesInRequest = 0;
        for (int i = 0; i < items.size(); i++) {
            EventBody.Item item = items.get(i);
            if (item.syntaxError() != null) {
                rejected.add(new IngestResponse.Rejected(i, List.of(new FieldError("event", item.syntaxError()))));
                continue;
            }
            EventValidator.Outcome outcome = validator.validate(item.json());
            if (outcome.event() == null) {
                rejected.add(new IngestResponse.Rejected(i, outcome.errors()));
                continue;
            }
            // One digest is one identity, here as in usage_event_key (two identities alike in digest are one).
            UUID key = digest.of(outcome.event().teamId(), outcome.event().requestId());
            if (!seen.add(key)) {
                duplicatesInRequest++;
            } else {
                candidates.add(new Candidate(i, outcome.event(), cost(book, orgId, outcome.event()), key));
            }
        }
        IngestResponse answer = store(orgId, candidates, rejected, duplicatesInRequest);
        metrics.ingested(
                items.size(),
                answer.accepted(),
                answer.duplicates(),
                answer.rejected().size(),
                Duration.ofNanos(System.nanoTime() - started));
        return answer;
    }

    private IngestResponse store(
            String orgId, List<Candidate> candidates, List<IngestResponse.Rejected> rejected, int duplicates) {
        if (candidates.isEmpty()) {
            return new IngestResponse(0, duplicates, rejected);
        }
        organizations.ensure(orgId);
        Set<LocalDate> days = new HashSet<>();
        long lastDay = Long.MIN_VALUE;
        for (Candidate c : candidates) {
            long day = Math.floorDiv(c.event().occurredAt().getEpochSecond(), 86_400L);
            if (day != lastDay) { // a batch is mostly in order: one day after another
                days.add(LocalDate.ofEpochDay(day));
                lastDay = day;
            }
        }
        partitions.ensureCovered(days);
        long inserted = store.store(orgId, candidates);
        rejected.sort(Comparator.comparingInt(IngestResponse.Rejected::index));
        return new IngestResponse(inserted, candidates.size() - inserted + duplicates, rejected);
    }

    private static CostBreakdown cost(PriceBook book, String orgId, UsageEvent event) {
        if (event.costUsd() != null) {
            return CostBreakdown.reported(event.costUsd());
        }
        return book.price(new PriceBook.Usage(
                orgId,
                event.provider(),
                event.model(),
                event.occurredAt(),
                event.tokens(),
                event.serviceTier(),
                event.contextWindow()));
    }
}
