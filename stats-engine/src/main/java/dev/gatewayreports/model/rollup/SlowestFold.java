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
     * Deletes every row of the given team-days of one organization beyond its {@link #KEEP} slowest. Filtered by the
     * one org_id: a single-shard statement on Citus.
     */
    static final String TRIM = """
            delete from slowest_request s
             using (select x.team_id, x.day, x.request_id,
                           row_number() over (partition by x.team_id, x.day order by %s) as rn
                      from slowest_request x
                      join unnest(?::text[], ?::text[]::date[]) as k (team_id, day)
                        on x.team_id = k.team_id and x.day = k.day
                     where x.org_id = ?) r
             where s.org_id = ? and r.rn > %d
               and s.team_id = r.team_id and s.day = r.day and s.request_id = r.request_id
            """.formatted(order("x"), KEEP);

    private SlowestFold() {}
}
