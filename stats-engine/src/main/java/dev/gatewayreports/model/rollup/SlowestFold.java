package dev.gatewayreports.model.rollup;

/**
 * The statements of {@code slowest_request} (V37) that are its own: per organization, team and UTC day, the {@link
 * #KEEP} slowest folded events in the report's order (latency_ms desc, occurred_at desc, request_id). The rest (fold,
 * repair, rebuild, retention, and why the list is exact also when two folds trim at once) is {@link
 * KeptList#SLOWEST}'s, shared with the newest errors.
 */
public final class SlowestFold {
    /** Rows kept per organization, team and UTC day: the report's list length. */
    public static final int KEEP = KeptList.KEEP;

    /** The report's order, over an alias. */
    static String order(String alias) {
        return alias + ".latency_ms desc, " + alias + ".occurred_at desc, " + alias + ".request_id";
    }

    /**
     * Deletes every row of the given team-days of one organization beyond its {@link #KEEP} slowest, and every second
     * copy of an event. By physical row (ctid), not by request id: by construction an event is added once (a batch's
     * candidates only in the transaction that marks it kept; the rebuild deletes the day first), but should a copy ever
     * be stored twice (an aborted test run left candidates of batches still pending, which their fold added again), a
     * trim by request id whose boundary fell between the two copies deleted both and with them one of the true
     * {@link #KEEP}. Copies of an event are neighbours in the report's order and share its dense rank: the day keeps its
     * slowest distinct events, one row each. Filtered by the
     * one org_id: a single-shard statement on Citus, where ctid is the shard's row.
     */
    static final String TRIM = """
            delete from slowest_request s
             using (select x.ctid as row_id, dense_rank() over w as rank,
                           x.request_id = lag(x.request_id) over w as copy
                      from slowest_request x
                      join unnest(?::text[], ?::text[]::date[]) as k (team_id, day)
                        on x.team_id = k.team_id and x.day = k.day
                     where x.org_id = ?
                    window w as (partition by x.team_id, x.day order by %s)) r
             where s.org_id = ? and s.ctid = r.row_id and (r.rank > %d or r.copy)
            """.formatted(order("x"), KEEP);

    private SlowestFold() {}
}
