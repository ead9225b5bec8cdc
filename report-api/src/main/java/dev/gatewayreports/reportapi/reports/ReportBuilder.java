package dev.gatewayreports.reportapi.reports;

import dev.gatewayreports.model.report.ApiKeyRow;
import dev.gatewayreports.model.report.DailyTrendRow;
import dev.gatewayreports.model.report.ErrorDetails;
import dev.gatewayreports.model.report.ErrorTypeRow;
import dev.gatewayreports.model.report.HourlyTrendRow;
import dev.gatewayreports.model.report.ModelErrorRow;
import dev.gatewayreports.model.report.ModelLatencyRow;
import dev.gatewayreports.model.report.ModelRow;
import dev.gatewayreports.model.report.Performance;
import dev.gatewayreports.model.report.ProviderRow;
import dev.gatewayreports.model.report.RecentError;
import dev.gatewayreports.model.report.Report;
import dev.gatewayreports.model.report.ReportData;
import dev.gatewayreports.model.report.Sections;
import dev.gatewayreports.model.report.SlowRequest;
import dev.gatewayreports.model.report.Summary;
import dev.gatewayreports.model.stats.BucketSpec;
import dev.gatewayreports.model.stats.Dimension;
import dev.gatewayreports.model.stats.Figures;
import dev.gatewayreports.model.stats.Measure;
import dev.gatewayreports.model.stats.RawFilters;
import dev.gatewayreports.model.stats.StatsEngine;
import dev.gatewayreports.model.stats.StatsQuery;
import dev.gatewayreports.model.stats.StatsResult;
import dev.gatewayreports.model.stats.StatsRow;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.BiConsumer;

/** Builds the report (docs/report-object.md) once, as records, from the stats engine and, for per-request lists, raw events. */
@ApplicationScoped
public class ReportBuilder {
    private static final Set<Measure> ALL = EnumSet.of(
            Measure.REQUESTS, Measure.ERRORS, Measure.TOKENS, Measure.CREDITS, Measure.COST, Measure.LATENCY);
    private static final Set<Measure> MONEY = EnumSet.of(Measure.REQUESTS, Measure.CREDITS, Measure.COST);
    private static final Set<Measure> TREND =
            EnumSet.of(Measure.REQUESTS, Measure.ERRORS, Measure.TOKENS, Measure.CREDITS, Measure.COST);
    private static final BucketSpec HOUR = BucketSpec.seconds(3600);

    /**
     * Where a report's per-request lists are read beside its engine queries: a virtual thread each, so a report holds
     * at most two connections at once (its engine read and its lists) and no pool of threads needs sizing.
     */
    private static final Executor EVENT_LISTS = Executors.newVirtualThreadPerTaskExecutor();

    private final StatsEngine engine;
    private final ReportEventsRepository events;

    /** The raw-event lists of a report; null where its sections do not show them. */
    private record EventLists(List<SlowRequest> slowest, List<RecentError> newestErrors) {}

    /** The lists, or what their read threw (as thrown, unchecked). */
    private static EventLists join(CompletableFuture<EventLists> lists) {
        try {
            return lists.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    public ReportBuilder(StatsEngine engine, ReportEventsRepository events) {
        this.engine = engine;
        this.events = events;
    }

    public Report build(ReportSpec spec, ReportScope scope, String reportId, Instant generatedAt) {
        Set<Section> on = spec.sections();
        return new Report(
                reportId,
                spec.type().wire(),
                scope.label(),
                spec.zone().getId(),
                generatedAt.toString(),
                spec.start().toString(),
                spec.end().toString(),
                new Sections(
                        on.contains(Section.SUMMARY),
                        on.contains(Section.DAILY_TREND),
                        on.contains(Section.HOURLY_TREND),
                        on.contains(Section.BY_PROVIDER),
                        on.contains(Section.BY_MODEL),
                        on.contains(Section.BY_API_KEY),
                        on.contains(Section.PERFORMANCE),
                        on.contains(Section.SLOW_REQUESTS),
                        on.contains(Section.ERROR_DETAILS)),
                new Queries(spec, scope).data());
    }

    /**
     * One report's queries; each is run at most once however many sections use it, and those the sections will ask
     * are answered together first ({@link StatsEngine#executeAll}: one snapshot, one read of the raw events they
     * need).
     */
    private final class Queries {
        private final ReportSpec spec;
        private final ReportScope scope;
        private final ReportFocus focus;
        private final Map<StatsQuery, StatsResult> results = new HashMap<>();
        private Figures total;

        Queries(ReportSpec spec, ReportScope scope) {
            this.spec = spec;
            this.scope = scope;
            this.focus = new ReportFocus(spec.type());
        }

        ReportData data() {
            Set<Section> on = spec.sections();
            // The per-request lists read raw events on a connection of their own while the engine reads the rollups:
            // for all 50 teams of the 1M benchmark the slowest-requests read is 1,550 index descents (50 teams × 31
            // daily partitions), as long as the engine's whole read; one after the other they added up.
            boolean listed = on.contains(Section.SLOW_REQUESTS) || on.contains(Section.ERROR_DETAILS);
            CompletableFuture<EventLists> lists = !listed
                    ? CompletableFuture.completedFuture(new EventLists(null, null))
                    : CompletableFuture.supplyAsync(
                            () -> new EventLists(
                                    on.contains(Section.SLOW_REQUESTS)
                                            ? events.slowest(scope.orgId(), scope.teamIds(), spec.start(), spec.end())
                                            : null,
                                    on.contains(Section.ERROR_DETAILS)
                                            ? events.newestErrors(
                                                    scope.orgId(), scope.teamIds(), spec.start(), spec.end())
                                            : null),
                            EVENT_LISTS);
            List<StatsQuery> planned = planned();
            List<StatsResult> answers;
            try {
                answers = engine.executeAll(planned);
            } catch (RuntimeException e) {
                lists.cancel(false);
                throw e;
            }
            for (int i = 0; i < planned.size(); i++) {
                results.put(planned.get(i), answers.get(i));
            }
            EventLists read = join(lists);
            return new ReportData(
                    on.contains(Section.SUMMARY) ? summary() : null,
                    on.contains(Section.DAILY_TREND) ? days() : null,
                    on.contains(Section.HOURLY_TREND) ? hours() : null,
                    on.contains(Section.BY_PROVIDER) ? providers() : null,
                    on.contains(Section.BY_MODEL) ? byModel() : null,
                    on.contains(Section.BY_API_KEY) ? apiKeys() : null,
                    on.contains(Section.PERFORMANCE) ? performance() : null,
                    read.slowest(),
                    on.contains(Section.ERROR_DETAILS) ? errorDetails(read.newestErrors()) : null);
        }

        /** The engine queries the report's sections ask (the same ones the section methods below run). */
        private List<StatsQuery> planned() {
            Set<Section> on = spec.sections();
            List<StatsQuery> planned = new ArrayList<>();
            if (on.contains(Section.SUMMARY)) {
                planned.add(previousQuery());
            }
            if (modelsNeeded()) {
                planned.add(modelsQuery());
            } else if (on.contains(Section.SUMMARY)) {
                planned.add(totalQuery());
            }
            if (on.contains(Section.BY_PROVIDER) && !modelsNeeded()) {
                planned.add(sharesQuery(Dimension.PROVIDER));
            }
            if (on.contains(Section.HOURLY_TREND)) {
                planned.add(trendQuery(HOUR));
            }
            if (on.contains(Section.DAILY_TREND) && !hoursMakeDays()) {
                planned.add(trendQuery(BucketSpec.DAY));
            }
            if (on.contains(Section.BY_API_KEY)) {
                planned.add(sharesQuery(Dimension.API_KEY));
            }
            if (on.contains(Section.ERROR_DETAILS)) {
                planned.add(errorTypesQuery());
            }
            return planned;
        }

        private Summary summary() {
            Figures previous = run(previousQuery()).rows().stream()
                    .map(StatsRow::figures)
                    .findFirst()
                    .orElse(Figures.empty(true));
            return ReportRows.summary(total(), previous, spec.previousStart(), spec.start());
        }

        private List<DailyTrendRow> days() {
            List<DailyTrendRow> rows = new ArrayList<>();
            trend(
                    BucketSpec.DAY,
                    (bucket, f) -> rows.add(ReportRows.day(
                            bucket.atZone(spec.zone()).toLocalDate().toString(), f)));
            return rows;
        }

        private List<HourlyTrendRow> hours() {
            List<HourlyTrendRow> rows = new ArrayList<>();
            trend(
                    HOUR,
                    (bucket, f) -> rows.add(ReportRows.hour(
                            bucket.atZone(spec.zone()).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME), f)));
            return rows;
        }

        /** Every bucket of the period, oldest first, with its figures (zeros when it had no events). */
        private void trend(BucketSpec buckets, BiConsumer<Instant, Figures> row) {
            StatsResult result = buckets.equals(BucketSpec.DAY) && hoursMakeDays()
                    ? ReportTrends.days(run(trendQuery(HOUR)), spec.start(), spec.end(), spec.zone())
                    : run(trendQuery(buckets));
            Map<Instant, Figures> byBucket = new HashMap<>();
            result.rows().forEach(r -> byBucket.put(r.bucketStart(), r.figures()));
            for (Instant bucket : result.bucketStarts()) {
                row.accept(bucket, byBucket.getOrDefault(bucket, Figures.empty(false)));
            }
        }

        /** The hourly trend is asked for too: local days are then sums of its local hours. */
        private boolean hoursMakeDays() {
            return spec.sections().contains(Section.HOURLY_TREND);
        }

        private StatsQuery trendQuery(BucketSpec buckets) {
            return query(spec.start(), spec.end(), buckets, List.of(), TREND);
        }

        private List<ProviderRow> providers() {
            List<StatsRow> result = modelsNeeded() ? ReportTrends.byDimension(models(), 1) : shares(Dimension.PROVIDER);
            long all = requests(result);
            return focus.sorted(
                    result.stream()
                            .map(r -> ReportRows.provider(r.dimensions().get(0), r.figures(), all))
                            .toList(),
                    ProviderRow::provider,
                    ProviderRow::requests,
                    ProviderRow::credits,
                    ProviderRow::costUsd);
        }

        private List<ApiKeyRow> apiKeys() {
            List<StatsRow> result = shares(Dimension.API_KEY);
            long all = requests(result);
            return focus.sorted(
                    result.stream()
                            .map(r -> ReportRows.apiKey(r.dimensions().get(0), r.figures(), all))
                            .toList(),
                    ApiKeyRow::apiKeyId,
                    ApiKeyRow::requests,
                    ApiKeyRow::credits,
                    ApiKeyRow::costUsd);
        }

        private List<StatsRow> shares(Dimension dimension) {
            return run(sharesQuery(dimension)).rows();
        }

        private StatsQuery sharesQuery(Dimension dimension) {
            return query(spec.start(), spec.end(), BucketSpec.NONE, List.of(dimension), MONEY);
        }

        private List<ModelRow> byModel() {
            long all = requests(models());
            return focus.sorted(
                    models().stream()
                            .map(r -> ReportRows.model(
                                    r.dimensions().get(0), r.dimensions().get(1), r.figures(), all))
                            .toList(),
                    ModelRow::model,
                    ModelRow::requests,
                    ModelRow::credits,
                    ModelRow::costUsd);
        }

        private Performance performance() {
            return new Performance(
                    ReportRows.latency(total()),
                    focus.sorted(
                            models().stream()
                                    .map(r -> ReportRows.latency(
                                            r.dimensions().get(0),
                                            r.dimensions().get(1),
                                            r.figures()))
                                    .toList(),
                            ModelLatencyRow::model,
                            ModelLatencyRow::requests,
                            r -> null,
                            r -> null));
        }

        private ErrorDetails errorDetails(List<RecentError> newestErrors) {
            Figures t = total();
            List<StatsRow> types = run(errorTypesQuery()).rows();
            List<ErrorTypeRow> byType = types.stream()
                    .filter(r -> r.figures().errors() > 0)
                    .sorted(ReportFocus.byCount(
                            r -> r.figures().errors(), r -> r.dimensions().get(0)))
                    .map(r -> new ErrorTypeRow(
                            r.dimensions().get(0),
                            r.figures().errors(),
                            ReportNumbers.percent(r.figures().errors(), t.errors())))
                    .toList();
            List<ModelErrorRow> byModel = models().stream()
                    .filter(r -> r.figures().errors() > 0)
                    .sorted(ReportFocus.byCount(
                            r -> r.figures().errors(), r -> r.dimensions().get(0)))
                    .map(r -> new ModelErrorRow(
                            r.dimensions().get(0),
                            r.dimensions().get(1),
                            r.figures().requests(),
                            r.figures().errors(),
                            ReportNumbers.percent(
                                    r.figures().errors(), r.figures().requests())))
                    .toList();
            return new ErrorDetails(
                    t.requests(),
                    t.errors(),
                    ReportNumbers.percent(t.errors(), t.requests()),
                    byType,
                    byModel,
                    newestErrors);
        }

        private static long requests(List<StatsRow> rows) {
            return rows.stream().mapToLong(r -> r.figures().requests()).sum();
        }

        /**
         * The window's figures; the sum of the by-model rows when those are read anyway (exact: counts and money add,
         * and merging the rows' latency sketches gives the same sketch as reading the whole window at once).
         */
        private Figures total() {
            if (total == null) {
                List<StatsRow> rows =
                        modelsNeeded() ? models() : run(totalQuery()).rows();
                total = Figures.empty(true);
                rows.forEach(r -> total.add(r.figures()));
            }
            return total;
        }

        /** True when a section shows figures per model: the by-model query then answers the totals too. */
        private boolean modelsNeeded() {
            Set<Section> on = spec.sections();
            return on.contains(Section.BY_MODEL)
                    || on.contains(Section.PERFORMANCE)
                    || on.contains(Section.ERROR_DETAILS);
        }

        private List<StatsRow> models() {
            return run(modelsQuery()).rows();
        }

        private StatsQuery previousQuery() {
            return query(spec.previousStart(), spec.start(), BucketSpec.NONE, List.of(), ALL);
        }

        private StatsQuery totalQuery() {
            return query(spec.start(), spec.end(), BucketSpec.NONE, List.of(), ALL);
        }

        private StatsQuery modelsQuery() {
            return query(spec.start(), spec.end(), BucketSpec.NONE, List.of(Dimension.MODEL, Dimension.PROVIDER), ALL);
        }

        /**
         * Errors by type. Errors only: then the error rollups answer (asking for requests too sent an organization's
         * month of errors to raw events, 1.7 s at 10M events).
         */
        private StatsQuery errorTypesQuery() {
            return query(
                    spec.start(),
                    spec.end(),
                    BucketSpec.NONE,
                    List.of(Dimension.ERROR_TYPE),
                    EnumSet.of(Measure.ERRORS));
        }

        /** The answer to a query, run now unless the report's planned queries answered it already. */
        private StatsResult run(StatsQuery q) {
            return results.computeIfAbsent(q, engine::execute);
        }

        private StatsQuery query(
                Instant start, Instant end, BucketSpec buckets, List<Dimension> groupBy, Set<Measure> measures) {
            return new StatsQuery(
                    scope.orgId(),
                    scope.teamIds(),
                    start,
                    end,
                    spec.zone(),
                    buckets,
                    groupBy,
                    Map.of(),
                    RawFilters.NONE,
                    measures,
                    scope.wholeOrganization());
        }
    }
}
