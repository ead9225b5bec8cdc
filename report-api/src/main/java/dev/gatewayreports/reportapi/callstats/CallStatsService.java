package dev.gatewayreports.reportapi.callstats;

import dev.gatewayreports.model.stats.BucketSpec;
import dev.gatewayreports.model.stats.Buckets;
import dev.gatewayreports.model.stats.Dimension;
import dev.gatewayreports.model.stats.Figures;
import dev.gatewayreports.model.stats.Measure;
import dev.gatewayreports.model.stats.StatsEngine;
import dev.gatewayreports.model.stats.StatsQuery;
import dev.gatewayreports.model.stats.StatsRow;
import dev.gatewayreports.reportapi.callstats.UsageDistributionRepository.Distribution;
import dev.gatewayreports.reportapi.callstats.UsageDistributionRepository.Key;
import dev.gatewayreports.reportapi.stats.StatsEngineProducer.StatsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Answers a validated plan over the project (team) of the caller's organization: usage buckets by timestamp × model,
 * call buckets by timestamp, from the engine.
 */
@ApplicationScoped
public class CallStatsService {
    private final StatsEngine engine;
    private final StatsConfig config;
    private final UsageDistributionRepository distributions;

    public CallStatsService(StatsEngine engine, StatsConfig config, UsageDistributionRepository distributions) {
        this.engine = engine;
        this.config = config;
        this.distributions = distributions;
    }

    CallStatsResponse answer(String orgId, CallStatsPlan plan) {
        List<Map<String, Object>> usage = plan.usageMetrics().isEmpty() ? List.of() : usageBuckets(orgId, plan);
        List<Map<String, Object>> calls = plan.callMetrics().isEmpty() ? List.of() : callBuckets(orgId, plan);
        return new CallStatsResponse(
                plan.start().toString(),
                plan.end().toString(),
                plan.granularity(),
                plan.zone().getId(),
                usage,
                calls);
    }

    private List<Map<String, Object>> usageBuckets(String orgId, CallStatsPlan plan) {
        List<StatsRow> rows = query(
                orgId,
                plan,
                List.of(Dimension.MODEL),
                EnumSet.of(Measure.REQUESTS, Measure.TOKENS, Measure.COST, Measure.COST_PARTS));
        List<MetricSpec> distributed = plan.usageMetrics().stream()
                .filter(MetricSpec::needsDistribution)
                .toList();
        long[] boundaries = boundaries(plan);
        Map<Key, Map<String, Distribution>> dist = distributed.isEmpty()
                ? Map.of()
                : distributions.distributions(
                        orgId, plan.projectId(), plan.start(), plan.end(), boundaries, distributed, plan.filters());
        List<Map<String, Object>> out = new ArrayList<>();
        for (StatsRow row : rows) {
            if (row.figures().requests() == 0) {
                continue;
            }
            String model = row.dimensions().get(0);
            Map<String, Object> bucket = new LinkedHashMap<>();
            bucket.put("timestamp", row.bucketStart().toString());
            bucket.put("model", model);
            Map<String, Distribution> d =
                    dist.getOrDefault(new Key(index(boundaries, row.bucketStart()), model), Map.of());
            for (MetricSpec m : plan.usageMetrics()) {
                MetricValues.usage(bucket, m, row.figures(), d.get(m.metric()));
            }
            out.add(bucket);
        }
        return out;
    }

    private List<Map<String, Object>> callBuckets(String orgId, CallStatsPlan plan) {
        boolean latency = plan.callMetrics().stream().anyMatch(m -> m.metric().equals("latency_ms"));
        Set<Measure> measures = latency
                ? EnumSet.of(Measure.REQUESTS, Measure.ERRORS, Measure.LATENCY)
                : EnumSet.of(Measure.REQUESTS, Measure.ERRORS);
        List<Map<String, Object>> out = new ArrayList<>();
        for (StatsRow row : query(orgId, plan, List.of(), measures)) {
            Figures f = row.figures();
            if (f.requests() == 0) {
                continue;
            }
            Map<String, Object> bucket = new LinkedHashMap<>();
            bucket.put("timestamp", row.bucketStart().toString());
            for (MetricSpec m : plan.callMetrics()) {
                MetricValues.call(bucket, m, f);
            }
            out.add(bucket);
        }
        return out;
    }

    private List<StatsRow> query(String orgId, CallStatsPlan plan, List<Dimension> groupBy, Set<Measure> measures) {
        List<StatsRow> rows = new ArrayList<>(engine.execute(new StatsQuery(
                        orgId,
                        List.of(plan.projectId()),
                        plan.start(),
                        plan.end(),
                        plan.zone(),
                        BucketSpec.seconds(plan.granularity()),
                        groupBy,
                        Map.of(),
                        plan.filters(),
                        measures))
                .rows());
        rows.sort((a, b) -> a.bucketStart().compareTo(b.bucketStart()));
        return rows;
    }

    private long[] boundaries(CallStatsPlan plan) {
        return Buckets.boundaries(
                plan.start(), plan.end(), plan.zone(), BucketSpec.seconds(plan.granularity()), config.maxBuckets());
    }

    private static int index(long[] boundaries, Instant bucketStart) {
        int i = Arrays.binarySearch(boundaries, bucketStart.getEpochSecond());
        return i < 0 ? -1 : i;
    }
}
