package dev.gatewayreports.deploy;

import dev.gatewayreports.model.fixtures.UsageEventGenerator;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

/**
 * Loads demo usage events into a running report-api: the generator's events as NDJSON batches to
 * {@code POST /v1/usage/events}, several requests in flight.
 *
 * <pre>
 * DemoData --url http://localhost:8080 --key sk-svc-... [--teams team_a,team_b] [--events 150000] [--days 14]
 *          [--seed 42] [--zone Europe/Berlin] [--batch 5000] [--parallel 3]
 * </pre>
 */
public final class DemoData {

    private static final String USAGE = """
            usage: DemoData --url http://localhost:8080 --key <sk-svc-... with scope ingest>
                            [--teams team_platform,team_research,team_growth] [--events 150000] [--days 14]
                            [--seed 42] [--zone Europe/Berlin] [--batch 5000] [--parallel 3]
            Events fall in the last --days days up to now, busiest in office hours of --zone.""";

    private DemoData() {}

    public static void main(String[] args) throws Exception {
        UsageEventGenerator generator;
        IngestClient client;
        try {
            CliArgs cli = CliArgs.parse(args, Set.of());
            generator = generator(cli, Instant.now());
            client = new IngestClient(
                    URI.create(stripSlash(cli.required("url")) + "/v1/usage/events"), cli.required("key"), (int)
                            cli.number("parallel", 3));
            int batch = (int) cli.number("batch", 5_000);
            System.out.printf("Sending %,d events in batches of %,d%n", generator.events(), batch);
            IngestClient.Totals totals = client.send(generator.iterator(), batch);
            System.out.println(totals.summary());
            System.exit(totals.failedBatches() == 0 ? 0 : 1);
        } catch (CliArgs.UsageException | IllegalArgumentException | java.time.DateTimeException e) {
            System.err.println(e.getMessage() + "\n" + USAGE);
            System.exit(2);
        }
    }

    static UsageEventGenerator generator(CliArgs cli, Instant now) {
        List<String> teams = cli.list("teams");
        long days = cli.number("days", 14);
        if (days < 1) {
            throw new CliArgs.UsageException("--days must be at least 1");
        }
        Instant end = now.truncatedTo(ChronoUnit.SECONDS);
        return UsageEventGenerator.builder()
                .seed(cli.number("seed", 42))
                .events(cli.number("events", 150_000))
                .window(end.minus(Duration.ofDays(days)), end)
                .teams(teams.isEmpty() ? List.of("team_platform", "team_research", "team_growth") : teams)
                .zone(ZoneId.of(cli.value("zone", "Europe/Berlin")))
                .build();
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
