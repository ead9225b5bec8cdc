package dev.gatewayreports.reportapi.reports;

import static dev.gatewayreports.reportapi.reports.ReportNumbers.JSON;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds the report object (docs/report-object.md) from the stats engine and, for per-request lists, raw events. */
@ApplicationScoped
public class ReportBuilder {
    private static final Set<Measure> ALL = EnumSet.of(
            Measure.REQUESTS, Measure.ERRORS, Measure.TOKENS, Measure.CREDITS, Measure.COST, Measure.LATENCY);
    private static final Set<Measure> MONEY = EnumSet.of(Measure.REQUESTS, Measure.CREDITS, Measure.COST);

    private final StatsEngine engine;
    private final ReportEventsRepository events;

    public ReportBuilder(StatsEngine engine, ReportEventsRepository events) {
        this.engine = engine;
        this.events = events;
    }

    public ObjectNode build(ReportSpec spec, ReportScope scope, String reportId, Instant generatedAt) {
        ObjectNode report = JSON.objectNode();
        report.put("report_id", reportId);
        report.put("report_type", spec.type().wire());
        report.put("team_id", scope.label());
        report.put("timezone", spec.zone().getId());
        report.put("generated_at", generatedAt.toString());
        report.put("period_start", spec.start().toString());
        report.put("period_end", spec.end().toString());
        ObjectNode sections = report.putObject("sections");
        for (Section s : Section.values()) {
            sections.put(s.wire(), spec.sections().contains(s));
        }
        report.set("data", new Sections(spec, scope).data());
        return report;
    }

    /** One report's queries; each is run at most once however many sections use it. */
    private final class Sections {
        private final ReportSpec spec;
        private final ReportScope scope;
        private final ReportFocus focus;
        private Figures total;
        private List<StatsRow> models;

        Sections(ReportSpec spec, ReportScope scope) {
            this.spec = spec;
            this.scope = scope;
            this.focus = new ReportFocus(spec.type());
        }

        ObjectNode data() {
            ObjectNode data = JSON.objectNode();
            for (Section s : Section.values()) {
                if (spec.sections().contains(s)) {
                    data.set(s.wire(), section(s));
                }
            }
            return data;
        }

        private com.fasterxml.jackson.databind.JsonNode section(Section s) {
            return switch (s) {
                case SUMMARY -> summary();
                case DAILY_TREND -> trend(BucketSpec.DAY, "date");
                case HOURLY_TREND -> trend(BucketSpec.seconds(3600), "hour");
                case BY_PROVIDER -> shares(Dimension.PROVIDER, "provider");
                case BY_MODEL -> byModel();
                case BY_API_KEY -> shares(Dimension.API_KEY, "api_key_id");
                case PERFORMANCE -> performance();
                case SLOW_REQUESTS -> events.slowest(scope.orgId(), scope.teamIds(), spec.start(), spec.end());
                case ERROR_DETAILS -> errorDetails();
            };
        }

        private ObjectNode summary() {
            ObjectNode current = ReportRows.summaryFigures(total());
            ObjectNode previous = ReportRows.summaryFigures(
                    run(spec.previousStart(), spec.start(), BucketSpec.NONE, List.of(), ALL).rows().stream()
                            .map(StatsRow::figures)
                            .findFirst()
                            .orElse(Figures.empty(true)));
            ObjectNode change = JSON.objectNode();
            current.fieldNames()
                    .forEachRemaining(k -> change.set(k, ReportNumbers.change(current.get(k), previous.get(k))));
            ObjectNode summary = focus.lead(current, 0);
            ObjectNode before = JSON.objectNode();
            before.put("period_start", spec.previousStart().toString());
            before.put("period_end", spec.start().toString());
            before.setAll(focus.lead(previous, 0));
            summary.set("previous_period", before);
            summary.set("change_percent", focus.lead(change, 0));
            return summary;
        }

        private ArrayNode trend(BucketSpec buckets, String key) {
            StatsResult result = run(
                    spec.start(),
                    spec.end(),
                    buckets,
                    List.of(),
                    EnumSet.of(Measure.REQUESTS, Measure.ERRORS, Measure.TOKENS, Measure.CREDITS, Measure.COST));
            Map<Instant, Figures> byBucket = new java.util.HashMap<>();
            result.rows().forEach(r -> byBucket.put(r.bucketStart(), r.figures()));
            ArrayNode rows = JSON.arrayNode();
            for (Instant bucket : result.bucketStarts()) {
                String label = key.equals("date")
                        ? bucket.atZone(spec.zone()).toLocalDate().toString()
                        : bucket.atZone(spec.zone()).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
                Figures f = byBucket.getOrDefault(bucket, Figures.empty(false));
                rows.add(focus.lead(ReportRows.trend(key, label, f), 1));
            }
            return rows;
        }

        private ArrayNode shares(Dimension dimension, String key) {
            List<StatsRow> result = run(spec.start(), spec.end(), BucketSpec.NONE, List.of(dimension), MONEY)
                    .rows();
            long all = result.stream().mapToLong(r -> r.figures().requests()).sum();
            return focus.sorted(result.stream()
                    .map(r -> focus.lead(ReportRows.share(key, r.dimensions().get(0), r.figures(), all), 1))
                    .toList());
        }

        private ArrayNode byModel() {
            long all = models().stream().mapToLong(r -> r.figures().requests()).sum();
            return focus.sorted(models().stream()
                    .map(r -> focus.lead(
                            ReportRows.model(
                                    r.dimensions().get(0), r.dimensions().get(1), r.figures(), all),
                            2))
                    .toList());
        }

        private ObjectNode performance() {
            ObjectNode performance = JSON.objectNode();
            performance.set("overall", ReportRows.latency(JSON.objectNode(), total()));
            performance.set(
                    "by_model",
                    focus.sorted(models().stream()
                            .map(r -> {
                                ObjectNode o = JSON.objectNode();
                                o.put("model", r.dimensions().get(0));
                                o.put("provider", r.dimensions().get(1));
                                return focus.lead(ReportRows.latency(o, r.figures()), 2);
                            })
                            .toList()));
            return performance;
        }

        private ObjectNode errorDetails() {
            Figures t = total();
            ObjectNode details = JSON.objectNode();
            details.put("total_requests", t.requests());
            details.put("failed_requests", t.errors());
            details.set("error_rate", ReportNumbers.percent(t.errors(), t.requests()));
            List<StatsRow> types = run(
                            spec.start(),
                            spec.end(),
                            BucketSpec.NONE,
                            List.of(Dimension.ERROR_TYPE),
                            // errors only: then the error rollups answer (asking for requests too sent an
                            // organization's month of errors to raw events, 1.7 s at 10M events)
                            EnumSet.of(Measure.ERRORS))
                    .rows();
            ArrayNode byType = details.putArray("by_error_type");
            types.stream()
                    .filter(r -> r.figures().errors() > 0)
                    .sorted(ReportFocus.byCount(
                            r -> r.figures().errors(), r -> r.dimensions().get(0)))
                    .forEach(r -> {
                        ObjectNode o = byType.addObject();
                        o.put("error_type", r.dimensions().get(0));
                        o.put("errors", r.figures().errors());
                        o.set("percentage", ReportNumbers.percent(r.figures().errors(), t.errors()));
                    });
            ArrayNode byModel = details.putArray("by_model");
            models().stream()
                    .filter(r -> r.figures().errors() > 0)
                    .sorted(ReportFocus.byCount(
                            r -> r.figures().errors(), r -> r.dimensions().get(0)))
                    .forEach(r -> {
                        ObjectNode o = byModel.addObject();
                        o.put("model", r.dimensions().get(0));
                        o.put("provider", r.dimensions().get(1));
                        o.put("requests", r.figures().requests());
                        o.put("errors", r.figures().errors());
                        o.set(
                                "error_rate",
                                ReportNumbers.percent(
                                        r.figures().errors(), r.figures().requests()));
                    });
            details.set("recent_errors", events.newestErrors(scope.orgId(), scope.teamIds(), spec.start(), spec.end()));
            return details;
        }

        private Figures total() {
            if (total == null) {
                total = run(spec.start(), spec.end(), BucketSpec.NONE, List.of(), ALL).rows().stream()
                        .map(StatsRow::figures)
                        .findFirst()
                        .orElse(Figures.empty(true));
            }
            return total;
        }

        private List<StatsRow> models() {
            if (models == null) {
                models = run(
                                spec.start(),
                                spec.end(),
                                BucketSpec.NONE,
                                List.of(Dimension.MODEL, Dimension.PROVIDER),
                                ALL)
                        .rows();
            }
            return models;
        }

        private StatsResult run(
                Instant start, Instant end, BucketSpec buckets, List<Dimension> groupBy, Set<Measure> measures) {
            return engine.execute(new StatsQuery(
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
                    scope.wholeOrganization()));
        }
    }
}
