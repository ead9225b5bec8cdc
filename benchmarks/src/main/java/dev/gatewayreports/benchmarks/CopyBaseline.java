package dev.gatewayreports.benchmarks;

import dev.gatewayreports.model.fixtures.Caller;
import dev.gatewayreports.model.fixtures.GeneratedEvent;
import dev.gatewayreports.model.fixtures.Outcome;
import dev.gatewayreports.model.fixtures.TokenUsage;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Iterator;
import java.util.List;
import org.postgresql.PGConnection;

/**
 * The naive loading baseline of shared/notes/postgres-baseline.md ("COPY, one btree (team_id, occurred_at)
 * present", 239k rows/s there): the same events, written beforehand as COPY text, loaded by one {@code COPY} into a
 * plain table with usage_event's columns and that one index. Only the COPY is timed; the table is dropped after.
 */
final class CopyBaseline {

    /** Rows per second of one COPY, and how many rows. */
    record Result(long rows, double seconds, long fileBytes) {
        double rowsPerSecond() {
            return rows / seconds;
        }
    }

    private static final String TABLE = "bench_copy_baseline";
    private static final String COLUMNS = "team_id, occurred_at, request_id, ingest_batch_id, org_id, provider, model,"
            + " status, latency_ms, api_key_id, user_id, run_id, op_name, trace_id, parent_id, thread_id, turn_id,"
            + " output_refs, service_tier, context_window, inference_geo, http_status, error_type, error_message,"
            + " input_tokens, cache_read_input_tokens, cache_creation_5m_input_tokens,"
            + " cache_creation_1h_input_tokens, output_tokens, web_search_requests, credits, cost_usd, cost_source";

    private CopyBaseline() {}

    static Result run(Connection c, Iterator<GeneratedEvent> events, long rows, Path file)
            throws IOException, SQLException {
        long written = write(events, rows, file);
        try (Statement s = c.createStatement()) {
            s.execute("drop table if exists " + TABLE);
            s.execute("create table " + TABLE + " (like usage_event including defaults)");
            s.execute("create index on " + TABLE + " (team_id, occurred_at)");
        }
        long start = System.nanoTime();
        try (InputStream in = Files.newInputStream(file)) {
            c.unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn("copy " + TABLE + " (" + COLUMNS + ") from stdin", in, 1 << 16);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long bytes = Files.size(file);
        try (Statement s = c.createStatement()) {
            s.execute("drop table " + TABLE);
        }
        Files.delete(file);
        return new Result(written, seconds, bytes);
    }

    private static long write(Iterator<GeneratedEvent> events, long rows, Path file) throws IOException {
        long n = 0;
        try (Writer out = new BufferedWriter(
                new java.io.OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), 1 << 20)) {
            StringBuilder line = new StringBuilder(1024);
            while (n < rows && events.hasNext()) {
                line.setLength(0);
                row(events.next(), line);
                out.append(line);
                n++;
            }
        }
        return n;
    }

    /** One event as a line of COPY text, with what a client has without the price book (no server pricing). */
    private static void row(GeneratedEvent e, StringBuilder line) {
        Outcome o = e.outcome();
        Caller c = e.caller();
        TokenUsage u = e.usage();
        Object[] values = {
            e.teamId(),
            e.occurredAt(),
            e.requestId(),
            0,
            "org_bench",
            e.provider(),
            e.model(),
            o.status(),
            o.latencyMs(),
            c.apiKeyId(),
            c.userId(),
            c.runId(),
            e.opName(),
            c.traceId(),
            c.parentId(),
            c.threadId(),
            c.turnId(),
            array(e.outputRefs()),
            e.serviceTier(),
            e.contextWindow(),
            e.inferenceGeo(),
            o.httpStatus(),
            o.errorType(),
            o.errorMessage(),
            zero(u.inputTokens()),
            zero(u.cacheReadInputTokens()),
            zero(u.cacheCreation5mInputTokens()),
            zero(u.cacheCreation1hInputTokens()),
            zero(u.outputTokens()),
            zero(u.webSearchRequests()),
            e.credits() == null ? null : e.credits().toPlainString(),
            e.costUsd() == null ? null : e.costUsd().toPlainString(),
            e.costUsd() == null ? "unpriced" : "reported"
        };
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                line.append('\t');
            }
            field(values[i], line);
        }
        line.append('\n');
    }

    private static Object zero(Number n) {
        return n == null ? 0 : n;
    }

    private static String array(List<String> values) {
        if (values == null) {
            return null;
        }
        StringBuilder a = new StringBuilder("{");
        for (String v : values) {
            a.append(a.length() > 1 ? "," : "")
                    .append('"')
                    .append(v.replace("\\", "\\\\").replace("\"", "\\\""))
                    .append('"');
        }
        return a.append('}').toString();
    }

    private static void field(Object value, StringBuilder line) {
        if (value == null) {
            line.append("\\N");
            return;
        }
        String s = value.toString();
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '\\' -> line.append("\\\\");
                case '\t' -> line.append("\\t");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                default -> line.append(ch);
            }
        }
    }
}
