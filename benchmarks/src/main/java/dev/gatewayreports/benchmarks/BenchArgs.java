package dev.gatewayreports.benchmarks;

import java.net.URI;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's options ({@code --name value}); the ingest key and the report tokens come from the environment
 * ({@code BENCH_INGEST_KEY}, {@code BENCH_MEMBER_TOKEN}, {@code BENCH_ADMIN_TOKEN}) so they never show in a
 * process list.
 *
 * @param rawApi a second report-api whose engine reads raw events only (the reports' baseline), or null
 * @param copyEvents how many of the first events the COPY baseline loads
 * @param runs timed runs per query after one warm-up run
 * @param budgetSeconds per query and side, no more timed runs are started after this (at least five are made)
 * @param org the organization of the ingest key: its teams are exactly the generated ones
 * @param probeKey an ingest key of another organization, for the freshness probes' team
 * @param probeOrg the organization of {@code probeKey} (its team {@code team_probe} is what the probes query)
 * @param memberToken a member token of {@code org} for the generated teams, or null: no report timings
 * @param adminToken an org_admin token of {@code org}, or null: no report timings
 * @param smallEvents events ingested (another seed, same window) before the main load, for the engine queries'
 *     first measurement at a tenth of the data; 0 skips it
 * @param sustainSeconds how long ingest runs at half the load phase's rate while reports are timed; 0 skips it
 * @param liveEvents events ingested at full rate at the end, each stamped with the time its batch is sent (as a
 *     gateway sends them), while the worker's lag is sampled; 0 skips it
 * @param services the services whose memory is sampled (pid and limit), from {@code --api-pid}, {@code
 *     --api-memory}, {@code --worker-pid}, {@code --worker-memory}; empty when no pid is given
 * @param label a name for this run (e.g. {@code postgres}, {@code citus}) that compare.sh shows over its column
 * @param reportWarmup untimed report requests to our report-api before each report row's timed ones (the raw-only
 *     baseline gets one): report-api's JIT compiles the report's code over its first ten or so requests
 */
record BenchArgs(
        URI api,
        URI worker,
        URI rawApi,
        String jdbcUrl,
        String dbUser,
        String ingestKey,
        String probeKey,
        String probeOrg,
        String memberToken,
        String adminToken,
        String org,
        String revision,
        long events,
        int teams,
        int days,
        long seed,
        int parallel,
        int batch,
        long copyEvents,
        int runs,
        int probes,
        int budgetSeconds,
        ZoneId zone,
        Path workDir,
        long smallEvents,
        int sustainSeconds,
        long liveEvents,
        List<ServiceMemory.Service> services,
        String label,
        int reportWarmup) {

    /** From this many events on, a run is a full one: reports are timed under ingest for 10 minutes, not 1. */
    static final long FULL_RUN_EVENTS = 10_000_000;

    static final String USAGE = """
            usage: Benchmark --api http://localhost:18080 --worker http://localhost:19081
                             [--raw-api http://localhost:18083]
                             --jdbc jdbc:postgresql://127.0.0.1:5432/gateway_reports_bench [--db-user postgres]
                             [--events 10000000] [--teams 50] [--days 30] [--seed 42] [--parallel 3]
                             [--batch 10000] [--copy-events 1000000] [--runs 20] [--probes 20]
                             [--budget-seconds 60] [--zone America/New_York] [--work-dir benchmarks/target]
                             [--org org_bench] [--probe-org org_bench_probe] [--revision <git revision>]
                             [--small-events <events/10>] [--sustain-seconds 600 (60 below 10M events)] [--label <name>]
                             [--live-events <events, at most 1000000>] [--report-warmup 10]
                             [--api-pid <pid> --api-memory 1g] [--worker-pid <pid>[,<pid>…] --worker-memory 768m]
            The ingest key (scope ingest, organization --org) is read from BENCH_INGEST_KEY; the freshness probes use
            BENCH_PROBE_KEY (organization --probe-org, so --org holds only the generated teams) when set. Report
            generation is timed when BENCH_MEMBER_TOKEN (member of the generated teams) and BENCH_ADMIN_TOKEN
            (org_admin of --org) are set, against --raw-api (a report-api reading raw events only) as baseline.""";

    static BenchArgs parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value, got " + args[i]);
            }
            options.put(args[i].substring(2), args[++i]);
        }
        String key = System.getenv("BENCH_INGEST_KEY");
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("BENCH_INGEST_KEY is not set");
        }
        String probeKey = System.getenv("BENCH_PROBE_KEY");
        String rawApi = options.get("raw-api");
        BenchArgs parsed = new BenchArgs(
                URI.create(required(options, "api")),
                URI.create(required(options, "worker")),
                rawApi == null || rawApi.isBlank() ? null : URI.create(rawApi),
                required(options, "jdbc"),
                options.getOrDefault("db-user", "postgres"),
                key,
                probeKey == null || probeKey.isBlank() ? key : probeKey,
                probeKey == null || probeKey.isBlank()
                        ? options.getOrDefault("org", "org_bench")
                        : options.getOrDefault("probe-org", "org_bench_probe"),
                env("BENCH_MEMBER_TOKEN"),
                env("BENCH_ADMIN_TOKEN"),
                options.getOrDefault("org", "org_bench"),
                options.getOrDefault("revision", "unknown"),
                number(options, "events", 10_000_000),
                (int) number(options, "teams", 50),
                (int) number(options, "days", 30),
                number(options, "seed", 42),
                (int) number(options, "parallel", 3),
                (int) number(options, "batch", 10_000),
                number(options, "copy-events", 1_000_000),
                (int) number(options, "runs", 20),
                (int) number(options, "probes", 20),
                (int) number(options, "budget-seconds", 60),
                ZoneId.of(options.getOrDefault("zone", "America/New_York")),
                Path.of(options.getOrDefault("work-dir", "benchmarks/target")),
                number(options, "small-events", number(options, "events", 10_000_000) / 10),
                (int) number(
                        options,
                        "sustain-seconds",
                        number(options, "events", 10_000_000) >= FULL_RUN_EVENTS ? 600 : 60),
                number(options, "live-events", Math.min(number(options, "events", 10_000_000), 1_000_000)),
                services(options),
                options.getOrDefault("label", ""),
                (int) number(options, "report-warmup", 10));
        if (parsed.smallEvents < 0 || parsed.sustainSeconds < 0 || parsed.liveEvents < 0) {
            throw new IllegalArgumentException(
                    "--small-events, --sustain-seconds and --live-events must not be negative");
        }
        if (parsed.events < 1 || parsed.teams < 1 || parsed.days < 1 || parsed.runs < 1 || parsed.parallel < 1) {
            throw new IllegalArgumentException("--events, --teams, --days, --runs and --parallel must be positive");
        }
        if (parsed.reportWarmup < 1) {
            throw new IllegalArgumentException("--report-warmup must be at least 1");
        }
        return parsed;
    }

    /**
     * report-api and aggregation-worker when their pids are given, each with the limit it runs under; {@code --worker-pid}
     * may list several (comma-separated: the replicas of {@code run.sh --workers}), named aggregation-worker,
     * aggregation-worker-2, ….
     */
    private static List<ServiceMemory.Service> services(Map<String, String> options) {
        List<ServiceMemory.Service> services = new ArrayList<>();
        for (String[] s : new String[][] {{"api", "report-api", "1g"}, {"worker", "aggregation-worker", "768m"}}) {
            String pids = options.get(s[0] + "-pid");
            if (pids == null) {
                continue;
            }
            long limit = ServiceMemory.bytes(options.getOrDefault(s[0] + "-memory", s[2]));
            String[] each = pids.split(",");
            for (int i = 0; i < each.length; i++) {
                services.add(new ServiceMemory.Service(
                        i == 0 ? s[1] : s[1] + "-" + (i + 1), number(s[0] + "-pid", each[i].strip(), 0), limit));
            }
        }
        return services;
    }

    private static String env(String name) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    private static long number(Map<String, String> options, String name, long fallback) {
        return number(name, options.get(name), fallback);
    }

    /** The option {@code --name}'s value as a whole number (underscores allowed), {@code fallback} when it is null. */
    private static long number(String name, String value, long fallback) {
        try {
            return value == null ? fallback : Long.parseLong(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, got " + value);
        }
    }
}
