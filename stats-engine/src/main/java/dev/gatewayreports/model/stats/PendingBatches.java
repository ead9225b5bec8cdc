package dev.gatewayreports.model.stats;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The ingest batches the aggregation worker has not folded yet, and the spans of time their events cover. */
final class PendingBatches {
    static final String PENDING = """
            select batch_id, floor(extract(epoch from min_occurred_at))::bigint,
                   floor(extract(epoch from max_occurred_at))::bigint + 1
              from ingest_batch
             where rolled_up_at is null and org_id = ?
               and max_occurred_at >= ? and min_occurred_at < ?""";

    private final Long[] ids;
    private final List<long[]> spans;

    private PendingBatches(Long[] ids, List<long[]> spans) {
        this.ids = ids;
        this.spans = spans;
    }

    /**
     * The organization's pending batches (a batch holds the events of one organization's ingest call) with events
     * in the window {@code [from, to)} (epoch seconds): the rest of the backlog cannot matter to the query.
     */
    static PendingBatches read(Connection c, String orgId, long[] window) throws SQLException {
        List<Long> ids = new ArrayList<>();
        List<long[]> spans = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(PENDING)) {
            ps.setString(1, orgId);
            ps.setTimestamp(2, Timestamp.from(Instant.ofEpochSecond(window[0])));
            ps.setTimestamp(3, Timestamp.from(Instant.ofEpochSecond(window[1])));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                    spans.add(new long[] {rs.getLong(2), rs.getLong(3)});
                }
            }
        }
        return new PendingBatches(ids.toArray(Long[]::new), merge(spans));
    }

    Long[] ids() {
        return ids;
    }

    /** The parts of the given sorted, disjoint [from, to) ranges where pending events may lie. */
    List<long[]> within(List<long[]> ranges) {
        List<long[]> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < ranges.size() && j < spans.size()) {
            long[] r = ranges.get(i);
            long[] s = spans.get(j);
            long from = Math.max(r[0], s[0]);
            long to = Math.min(r[1], s[1]);
            if (from < to) {
                out.add(new long[] {from, to});
            }
            if (r[1] < s[1]) {
                i++;
            } else {
                j++;
            }
        }
        return out;
    }

    private static List<long[]> merge(List<long[]> spans) {
        spans.sort(Comparator.comparingLong(s -> s[0]));
        List<long[]> merged = new ArrayList<>();
        for (long[] s : spans) {
            long[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && last[1] >= s[0]) {
                last[1] = Math.max(last[1], s[1]);
            } else {
                merged.add(new long[] {s[0], s[1]});
            }
        }
        return merged;
    }
}
