package dev.gatewayreports.reportapi.support;

import dev.gatewayreports.model.fixtures.GeneratedEvent;
import dev.gatewayreports.model.fixtures.TokenUsage;
import dev.gatewayreports.testing.Db;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Totals computed without the stats engine: counts, tokens and latency in Java over the generated events, money
 * with plain SQL over {@code usage_event} (LLM calls are priced by the server's price book). What every API's
 * answer over the same events must equal; a reports-API test can reuse it as is.
 */
public record IndependentTotals(
        long requests,
        long errors,
        long uncachedInputTokens,
        long cacheReadInputTokens,
        long cacheCreation5mInputTokens,
        long cacheCreation1hInputTokens,
        long outputTokens,
        long webSearchRequests,
        BigDecimal costUsd,
        BigDecimal costUsdWithoutPriority,
        List<Long> sortedLatencies) {

    /** Every input token: uncached, cache reads and cache writes. */
    public long allInputTokens() {
        return uncachedInputTokens + cacheReadInputTokens + cacheCreation5mInputTokens + cacheCreation1hInputTokens;
    }

    /** The exact percentile as SQL's percentile_disc: the first value whose cumulative share reaches p. */
    public long latencyPercentile(double p) {
        int index = (int) Math.ceil(p / 100.0 * sortedLatencies.size()) - 1;
        return sortedLatencies.get(Math.max(0, index));
    }

    /** The totals of the dataset's events of some teams (all of them when {@code teams} is empty). */
    public static IndependentTotals of(ReconciliationDataset d, List<String> teams) {
        Predicate<GeneratedEvent> in = e -> teams.isEmpty() || teams.contains(e.teamId());
        long requests = 0, errors = 0, input = 0, read = 0, w5 = 0, w1 = 0, output = 0, web = 0;
        List<Long> latencies = new ArrayList<>();
        for (GeneratedEvent e : d.events()) {
            if (!in.test(e)) {
                continue;
            }
            TokenUsage u = e.usage() == null ? TokenUsage.NONE : e.usage();
            requests++;
            errors += e.isError() ? 1 : 0;
            input += orZero(u.inputTokens());
            read += orZero(u.cacheReadInputTokens());
            w5 += orZero(u.cacheCreation5mInputTokens());
            w1 += orZero(u.cacheCreation1hInputTokens());
            output += orZero(u.outputTokens());
            web += u.webSearchRequests() == null ? 0 : u.webSearchRequests();
            latencies.add(e.outcome().latencyMs());
        }
        Collections.sort(latencies);
        List<String> owners = teams.isEmpty() ? d.teams() : teams;
        BigDecimal cost = BigDecimal.ZERO;
        BigDecimal billed = BigDecimal.ZERO;
        for (String team : owners) {
            Map<String, Object> row = Db.query(
                            MONEY, team, java.sql.Timestamp.from(d.start()), java.sql.Timestamp.from(d.end()))
                    .get(0);
            cost = cost.add((BigDecimal) row.get("cost"));
            billed = billed.add((BigDecimal) row.get("billed"));
        }
        return new IndependentTotals(
                requests, errors, input, read, w5, w1, output, web, cost, billed, List.copyOf(latencies));
    }

    /** Requests per local day of the zone, keyed by the instant the day starts. */
    public static Map<Instant, Long> requestsPerLocalDay(ReconciliationDataset d, String team, ZoneId zone) {
        Map<Instant, Long> days = new TreeMap<>();
        for (GeneratedEvent e : d.events()) {
            if (team == null || team.equals(e.teamId())) {
                Instant day = e.occurredAtInstant()
                        .atZone(zone)
                        .toLocalDate()
                        .atStartOfDay(zone)
                        .toInstant();
                days.merge(day, 1L, Long::sum);
            }
        }
        return days;
    }

    static final String MONEY = """
            select coalesce(sum(cost_usd), 0) as cost,
                   coalesce(sum(cost_usd) filter (where service_tier <> 'priority'), 0) as billed
              from usage_event
             where team_id = ? and occurred_at >= ? and occurred_at < ?
            """;

    private static long orZero(Long v) {
        return v == null ? 0 : v;
    }
}
