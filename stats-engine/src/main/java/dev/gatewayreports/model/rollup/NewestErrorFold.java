package dev.gatewayreports.model.rollup;

/**
 * The statements of {@code newest_error} (V38) that are its own: per organization, team and UTC day, the {@link
 * KeptList#KEEP} newest folded error events in the report's order (occurred_at desc, request_id desc). The rest (fold,
 * repair, rebuild, retention) is {@link KeptList#NEWEST_ERRORS}'s, shared with the slowest requests.
 */
public final class NewestErrorFold {
    /** The report's order, over an alias. */
    static String order(String alias) {
        return alias + ".occurred_at desc, " + alias + ".request_id desc";
    }

    /**
     * Deletes every row of the given team-days of one organization beyond its {@link KeptList#KEEP} newest, and every
     * second copy of an event, by physical row as {@link SlowestFold#TRIM} does (and why). A team-day is a range of
     * occurred_at of one team (newest_error_read_idx, no day column). Filtered by the one org_id: a single-shard
     * statement on Citus. Parameters: the teams, their UTC days as text, the organization twice.
     */
    static final String TRIM = """
            delete from newest_error s
             using (select x.ctid as row_id, dense_rank() over w as rank,
                           x.request_id = lag(x.request_id) over w as copy
                      from newest_error x
                      join unnest(?::text[], ?::text[]::date[]) as k (team_id, day)
                        on x.team_id = k.team_id
                       and x.occurred_at >= k.day::timestamp at time zone 'UTC'
                       and x.occurred_at < (k.day + 1)::timestamp at time zone 'UTC'
                     where x.org_id = ?
                    window w as (partition by x.team_id, k.day order by %s)) r
             where s.org_id = ? and s.ctid = r.row_id and (r.rank > %d or r.copy)
            """.formatted(order("x"), KeptList.KEEP);

    private NewestErrorFold() {}
}
